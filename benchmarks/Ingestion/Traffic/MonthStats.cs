namespace Pitstop.Ingestion.Traffic;

/// <summary>
/// What a recovery month holds, and the recovery figures its events call for under the rules of
/// program.md (repeat rule, closure, retention, NPS before and after): what the engine's analytics
/// should show for the same month, counted by the generator itself. The NPS averages count the
/// month's own answers only; a relationship survey of the regular mix may reach the same customer
/// and move the engine's averages a little.
/// </summary>
public sealed record MonthStats
{
    /// <summary>program.md: an incident within this many days after another of the customer is a repeat.</summary>
    public const int RepeatWindowDays = 180;

    /// <summary>program.md: a later visit within this many months of closure keeps the customer.</summary>
    public const int RetentionMonths = 12;

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required int Seed { get; init; }

    public required int Dealerships { get; init; }

    public required int States { get; init; }

    public required int Days { get; init; }

    public required double VisitsPerDay { get; init; }

    public required double FrictionTarget { get; init; }

    public required long Events { get; init; }

    /// <summary>Events of the visits and incidents; the rest are the regular mix (<see cref="TrafficGenerator"/>).</summary>
    public required long VisitEvents { get; init; }

    public required IReadOnlyDictionary<string, long> EventTypes { get; init; }

    public required int VisitsOpened { get; init; }

    public required int VisitsCompleted { get; init; }

    /// <summary>Visits of customers back after an incident (included in <see cref="VisitsOpened"/>).</summary>
    public required int ReturnVisits { get; init; }

    /// <summary>Completed visits that opened an incident or that one named (delay, defect, complaint about it).</summary>
    public required int FrictionVisits { get; init; }

    public double FrictionShare => VisitsCompleted == 0 ? 0 : (double)FrictionVisits / VisitsCompleted;

    public required int ComplaintsWithoutVisit { get; init; }

    public required int CustomersWithSeveralIncidents { get; init; }

    public required MonthFigures Total { get; init; }

    public required IReadOnlyList<MonthFigures> ByKind { get; init; }

    public required IReadOnlyList<MonthFigures> BySeverity { get; init; }

    public static MonthStats Count(
        ServiceNetwork network, RecoveryMonthOptions options, DateTimeOffset from, IReadOnlyList<GeneratedEvent> events,
        IReadOnlyList<MonthVisit> visits, IReadOnlyList<MonthIncident> incidents, IReadOnlyList<MonthNps> nps, long visitEvents)
    {
        var openings = incidents.ToLookup(i => i.Customer, i => i.OpenedAt);
        var delivered = visits.Where(v => v.DeliveredAt is not null).ToLookup(v => v.Customer);
        var answers = nps.ToLookup(n => n.Customer);
        var outcomes = incidents.Select(i =>
        {
            var repeat = openings[i.Customer].Any(other => other < i.OpenedAt && other >= i.OpenedAt.AddDays(-RepeatWindowDays));
            var closed = i.ClosedAt;
            var retained = closed is { } c && delivered[i.Customer].Any(v => v.DeliveredAt > c && v.DeliveredAt <= c.AddMonths(RetentionMonths) && v.JobCardId != i.JobCardId);
            var before = answers[i.Customer].Where(a => a.At < i.OpenedAt).MaxBy(a => a.At);
            var after = closed is { } cl ? answers[i.Customer].Where(a => a.At >= cl).MinBy(a => a.At) : null;
            var figures = new MonthFigures("", 1, closed is null ? 0 : 1, repeat ? 1 : 0, retained ? 1 : 0,
                before is null ? 0 : 1, before?.Score ?? 0, after is null ? 0 : 1, after?.Score ?? 0);
            return (i.Kind, Severity: repeat ? "major" : i.Severity, Figures: figures);
        }).ToList();

        MonthFigures Sum(string name, IEnumerable<MonthFigures> figures) =>
            figures.Aggregate(MonthFigures.Zero with { Name = name }, (sum, f) => sum.Add(f));

        return new MonthStats
        {
            From = from,
            To = options.End,
            Seed = options.Seed,
            Dealerships = network.Dealerships.Count,
            States = network.StateCount,
            Days = options.Days,
            VisitsPerDay = options.VisitsPerDay,
            FrictionTarget = options.FrictionShare,
            Events = events.Count,
            VisitEvents = visitEvents,
            EventTypes = new SortedDictionary<string, long>(
                events.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => (long)g.Count()), StringComparer.Ordinal),
            VisitsOpened = visits.Count,
            VisitsCompleted = visits.Count(v => v.DeliveredAt is not null),
            ReturnVisits = visits.Count(v => v.Returning),
            FrictionVisits = visits.Count(v => v.Friction && v.DeliveredAt is not null),
            ComplaintsWithoutVisit = incidents.Count(i => i.Kind == "complaint" && i.JobCardId is null),
            CustomersWithSeveralIncidents = openings.Count(g => g.Count() > 1),
            Total = Sum("total", outcomes.Select(o => o.Figures)),
            ByKind = [.. new[] { "delay", "defect", "complaint" }.Select(k => Sum(k, outcomes.Where(o => o.Kind == k).Select(o => o.Figures)))],
            BySeverity = [.. new[] { "minor", "moderate", "major" }.Select(s => Sum(s, outcomes.Where(o => o.Severity == s).Select(o => o.Figures)))],
        };
    }
}

/// <summary>Sums over incidents (averages are derived last, so that sums add up).</summary>
public sealed record MonthFigures(
    string Name, int Incidents, int Closed, int Repeat, int Retained, int NpsBefore, long NpsBeforeSum, int NpsAfter, long NpsAfterSum)
{
    public static readonly MonthFigures Zero = new("", 0, 0, 0, 0, 0, 0, 0, 0);

    public double? AverageNpsBefore => NpsBefore == 0 ? null : Math.Round((double)NpsBeforeSum / NpsBefore, 2);

    public double? AverageNpsAfter => NpsAfter == 0 ? null : Math.Round((double)NpsAfterSum / NpsAfter, 2);

    public MonthFigures Add(MonthFigures o) => this with
    {
        Incidents = Incidents + o.Incidents,
        Closed = Closed + o.Closed,
        Repeat = Repeat + o.Repeat,
        Retained = Retained + o.Retained,
        NpsBefore = NpsBefore + o.NpsBefore,
        NpsBeforeSum = NpsBeforeSum + o.NpsBeforeSum,
        NpsAfter = NpsAfter + o.NpsAfter,
        NpsAfterSum = NpsAfterSum + o.NpsAfterSum,
    };
}
