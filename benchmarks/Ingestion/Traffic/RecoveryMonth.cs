using System.Globalization;
using System.Text.Json;

namespace Pitstop.Ingestion.Traffic;

/// <summary>The events of a recovery month, in time order, and what they hold.</summary>
public sealed record MonthTraffic(IReadOnlyList<GeneratedEvent> Events, MonthStats Stats);

/// <summary>
/// A month of a service network's traffic, made for the service-recovery analytics. Every centre's
/// visits, day by day in working hours (fewer on Sundays); a set share of them with friction — a
/// delay of two hours or more, a defect found days after delivery, a complaint about the visit —
/// most defects and complaints resolved one to five days later, some left open; NPS answers
/// before incidents and after their closure; later visits of some of those customers (retention)
/// and a second incident for a few (repeat issues). The rest of the network's activity (sales,
/// contracts, referrals, support cases, relationship surveys, reversals) comes from
/// <see cref="TrafficGenerator"/> over the same month. Every event falls between midnight (IST)
/// <see cref="RecoveryMonthOptions.Days"/> days before the end and the end, in time order; the
/// same options give the same events.
/// </summary>
public sealed class RecoveryMonth
{
    // A centre's visits per day: ±1/6 of the network's average, by its size.
    private const double RateSpread = 1.0 / 6;

    // Sunday to Saturday: workshops take a third of a weekday's cars on Sundays; the week averages 1.
    private static readonly double[] DayFactors = [0.4, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1];

    // Complaints that name no visit (billing, a call-centre exchange), per visit of the centre.
    private const double ComplaintsWithoutVisitPerVisit = 0.015;

    // The NPS story the analytics should be able to show or refute: recovered customers score
    // higher on average than before their incident. They answer about 7.6 before it and about 4.5
    // while it stays open; after its closure, 8.8 less a penalty for its severity and for every day
    // it stayed open — a quick recovery of a minor incident wins them over, a slow or serious one
    // does not.
    private const double NpsBefore = 7.6;
    private const double NpsWhileOpen = 4.5;
    private const double NpsAfterQuickRecovery = 8.8;
    private const double NpsPenaltyPerDayOpen = 0.25;
    private const double NpsSpread = 1.6;

    private readonly ServiceNetwork _network;
    private readonly RecoveryMonthOptions _options;
    private readonly Random _random;
    private readonly Draws _draw;
    private readonly int[] _serials;
    private readonly List<GeneratedEvent> _events = [];
    private readonly List<MonthVisit> _visits = [];
    private readonly List<MonthIncident> _incidents = [];
    private readonly List<MonthNps> _nps = [];
    private readonly Dictionary<int, List<DateTimeOffset>> _incidentOpenings = [];
    private long _emitted;

    private enum Friction
    {
        None, Delay, Defect, Complaint,
    }

    private RecoveryMonth(ServiceNetwork network, RecoveryMonthOptions options)
    {
        options.Validate();
        _network = network;
        _options = options;
        _random = new Random(options.Seed);
        _draw = new Draws(_random);
        _serials = new int[network.Dealerships.Count];
        From = new DateTimeOffset(options.End.ToOffset(Wire.Ist).Date.AddDays(-options.Days), Wire.Ist);
    }

    /// <summary>Midnight (IST) <see cref="RecoveryMonthOptions.Days"/> days before the day of the end.</summary>
    private DateTimeOffset From { get; }

    private DateTimeOffset End => _options.End;

    public static MonthTraffic Generate(ServiceNetwork network, RecoveryMonthOptions options) => new RecoveryMonth(network, options).Generate();

    private MonthTraffic Generate()
    {
        var weights = _network.Dealerships.Select(d => d.Weight).ToArray();
        var (lightest, heaviest) = (weights.Min(), weights.Max());
        var rates = weights.Select(w => _options.VisitsPerDay * (1 + RateSpread * (heaviest > lightest ? 2 * (w - lightest) / (heaviest - lightest) - 1 : 0))).ToArray();
        var days = (int)Math.Ceiling((End - From).TotalDays);
        for (var day = 0; day < days; day++)
        {
            var dayStart = From.AddDays(day);
            var factor = DayFactors[(int)dayStart.DayOfWeek];
            foreach (var d in _network.Dealerships)
            {
                var rate = rates[d.Index] * factor;
                for (var n = Poisson(rate); n > 0; n--)
                {
                    Visit(d, _network.PickCustomer(_random, d), WorkingHours(dayStart), returning: false);
                }

                for (var n = Poisson(rate * ComplaintsWithoutVisitPerVisit); n > 0; n--)
                {
                    Complaint(d, _network.PickCustomer(_random, d), null, dayStart.AddMinutes(9 * 60 + _random.Next(11 * 60)), _draw.Pick(Vocabulary.ComplaintCategories), null);
                }
            }
        }

        var own = _events.Count;
        AddRestOfTheMix(_visits.Count(v => !v.Returning));
        var events = _events.OrderBy(e => e.OccurredAt.UtcTicks).ToList();
        var stats = MonthStats.Count(_network, _options, From, events, _visits, _incidents, _nps, own);
        return new MonthTraffic(events, stats);
    }

    // ---------------------------------------------------------------------------------------------
    // Visits

    private void Visit(Dealership d, int customer, DateTimeOffset openedAt, bool returning)
    {
        var customerId = ServiceNetwork.CustomerId(customer);
        var card = new JobCard(
            string.Create(CultureInfo.InvariantCulture, $"JC-{d.Code}-{openedAt.ToOffset(Wire.Ist).Year}-{NextSerial(d):D6}"),
            customerId,
            ServiceNetwork.Vin(customer),
            ServiceNetwork.VehicleClass(customer),
            _draw.VisitKind(),
            _draw.Pick(d.Advisors),
            _draw.PickSome(d.Technicians, 1 + (_draw.Chance(0.35) ? 1 : 0) + (_draw.Chance(0.1) ? 1 : 0)),
            JobCard.RoundToQuarter(openedAt.AddMinutes(180 + _random.Next(6 * 60))));
        if (!Add(openedAt, "dms", "service.visit.opened", d, Payloads.VisitOpened(card)))
        {
            return;
        }

        var visit = new MonthVisit(card.Id, customer, returning);
        _visits.Add(visit);
        var friction = _draw.Chance(_options.FrictionShare)
            ? _draw.WeightedPick((Friction.Delay, 45), (Friction.Defect, 25), (Friction.Complaint, 30))
            : Friction.None;
        var deliveredAt = friction == Friction.Delay
            ? card.PromisedAt.AddMinutes(_draw.Chance(0.55) ? 120 + _random.Next(121) : 241 + _random.Next(480))
            : _draw.Chance(0.07) ? card.PromisedAt.AddMinutes(10 + _random.Next(100)) : card.PromisedAt.AddMinutes(-_random.Next(120));
        var delivery = _draw.Delivery(card, deliveredAt);
        if (!Add(deliveredAt, "dms", "service.visit.completed", d, Payloads.VisitCompleted(card, delivery)))
        {
            // Still in the workshop when the month ends.
            return;
        }

        visit.DeliveredAt = deliveredAt;
        AfterDelivery(d, card, customer, delivery, unhappy: friction != Friction.None || !delivery.FirstTimeFix, npsSurvey: friction == Friction.None);
        switch (friction)
        {
            case Friction.Delay:
                visit.Friction = true;
                var late = deliveredAt - card.PromisedAt;
                var delay = new MonthIncident($"delay:{card.Id}", "delay", late > TimeSpan.FromHours(4) ? "moderate" : "minor", customer, d, deliveredAt, card.Id)
                {
                    // The delay ended when the car was delivered: the incident closes as it opens.
                    ClosedAt = deliveredAt,
                };
                Follow(delay);
                if (_draw.Chance(0.15))
                {
                    Complaint(d, customer, card.Id, deliveredAt.AddMinutes(120 + _random.Next(22 * 60)), "delay", visit);
                }

                break;
            case Friction.Defect:
                Defect(d, card, customer, deliveredAt.AddMinutes(24 * 60 + _random.Next(5 * 24 * 60)), visit);
                break;
            case Friction.Complaint:
                Complaint(d, customer, card.Id, deliveredAt.AddMinutes(4 * 60 + _random.Next(92 * 60)), _draw.Pick(Vocabulary.ComplaintCategories), visit);
                break;
        }
    }

    /// <summary>What follows any delivery, as in the regular traffic: an upsell at the counter, a CSAT and an NPS survey.</summary>
    private void AfterDelivery(Dealership d, JobCard card, int customer, Delivery delivery, bool unhappy, bool npsSurvey)
    {
        var deliveredAt = delivery.DeliveredAt;
        if (_draw.Chance(0.06))
        {
            var (product, min, max, _) = Vocabulary.UpsellProducts[_draw.WeightedIndex(Vocabulary.UpsellProducts.Select(p => p.Weight))];
            var at = deliveredAt.AddMinutes(-_random.Next(30));
            Add(at, "dms", "sale.upsell.completed", d, Payloads.Upsell(Reference("UPS", d, at), card.CustomerId, card.AdvisorId, product, _draw.Money(min, max)));
        }

        if (_draw.Chance(0.35))
        {
            var at = deliveredAt.AddMinutes(60 + _random.Next(47 * 60));
            var score = _draw.CsatScore(unhappy);
            Add(at, "survey", "survey.csat.submitted", d, Payloads.Csat(Reference("SV", d, at), card, _draw.PickSome(card.TechnicianIds, 1), score, _draw.Chance(0.8)));
        }

        // A visit with friction is surveyed by the recovery story instead (Follow).
        if (npsSurvey && _draw.Chance(0.20))
        {
            var at = deliveredAt.AddMinutes(120 + _random.Next(70 * 60));
            var score = _draw.NpsScore(unhappy);
            if (Add(at, "survey", "survey.nps.submitted", d, Payloads.Nps(Reference("SV", d, at), card.CustomerId, card, score)))
            {
                _nps.Add(new MonthNps(customer, at, score));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Incidents

    private void Defect(Dealership d, JobCard card, int customer, DateTimeOffset reportedAt, MonthVisit visit)
    {
        var payload = Payloads.Defect(card, _draw.Pick(Vocabulary.DefectKinds), _draw.Pick(Vocabulary.DefectNotes), _draw.PickSome(card.TechnicianIds, 1));
        if (!Add(reportedAt, "dms", "quality.defect.reported", d, payload))
        {
            return;
        }

        visit.Friction = true;
        var incident = new MonthIncident($"defect:{card.Id}", "defect", "moderate", customer, d, reportedAt, card.Id);
        Resolve(incident, 0.80);
        Follow(incident);
        if (_draw.Chance(0.10))
        {
            Complaint(d, customer, card.Id, reportedAt.AddMinutes(_random.Next(2 * 24 * 60)), "quality", visit);
        }
    }

    private void Complaint(Dealership d, int customer, string? jobCardId, DateTimeOffset loggedAt, string category, MonthVisit? visit)
    {
        var complaintId = Reference("CMP", d, loggedAt);
        var severity = _draw.WeightedPick(("low", 40), ("medium", 40), ("high", 20));
        var payload = Payloads.Complaint(complaintId, ServiceNetwork.CustomerId(customer), jobCardId, severity, category, _draw.Pick(Vocabulary.ComplaintChannels));
        if (!Add(loggedAt, "crm", "complaint.logged", d, payload))
        {
            return;
        }

        visit?.Friction = true;
        var incident = new MonthIncident($"complaint:{complaintId}", "complaint", severity switch { "low" => "minor", "medium" => "moderate", _ => "major" }, customer, d, loggedAt, jobCardId);
        Resolve(incident, 0.85);
        Follow(incident);
    }

    /// <summary>Most defects and complaints are fixed one to five days after they open; a resolution after the month's end has not happened yet.</summary>
    private void Resolve(MonthIncident incident, double share)
    {
        if (!_draw.Chance(share))
        {
            return;
        }

        var resolvedAt = incident.OpenedAt.AddMinutes(24 * 60 + _random.Next(4 * 24 * 60));
        if (Add(resolvedAt, "crm", "incident.resolved", incident.Dealership, Payloads.Resolved(incident.Id, resolvedAt, _draw.Pick(Vocabulary.ResolutionNotes))))
        {
            incident.ClosedAt = resolvedAt;
        }
    }

    /// <summary>
    /// What the customer of an incident does around it: an NPS answer before it, one after its
    /// closure (or while it stays open), a later visit, and now and then the issue coming back.
    /// </summary>
    private void Follow(MonthIncident incident)
    {
        var (d, customer, openedAt) = (incident.Dealership, incident.Customer, incident.OpenedAt);
        var repeat = _incidentOpenings.TryGetValue(customer, out var earlier)
            && earlier.Exists(at => at < openedAt && at >= openedAt.AddDays(-MonthStats.RepeatWindowDays));
        _incidents.Add(incident);
        if (earlier is null)
        {
            _incidentOpenings[customer] = earlier = [];
        }

        earlier.Add(openedAt);
        if (_draw.Chance(0.40))
        {
            var (first, last) = (openedAt.AddDays(-25) < From ? From : openedAt.AddDays(-25), openedAt.AddHours(-2));
            if (last > first)
            {
                Nps(d, customer, first + (last - first) * _random.NextDouble(), NpsBefore);
            }
        }

        if (incident.ClosedAt is { } closedAt)
        {
            if (_draw.Chance(0.55))
            {
                var severity = repeat ? "major" : incident.Severity;
                var mean = NpsAfterQuickRecovery - severity switch { "minor" => 0, "moderate" => 0.5, _ => 1.2 }
                    - NpsPenaltyPerDayOpen * (closedAt - openedAt).TotalDays;
                Nps(d, customer, closedAt.AddMinutes(4 * 60 + _random.Next(236 * 60)), mean);
            }

            if (_draw.Chance(0.30))
            {
                Visit(d, customer, WorkingHours(closedAt.AddDays(2 + _random.Next(19))), returning: true);
            }

            if (_draw.Chance(0.06))
            {
                // The issue comes back: a second incident of the same customer, a repeat.
                Complaint(d, customer, null, closedAt.AddMinutes(24 * 60 + _random.Next(9 * 24 * 60)), "quality", null);
            }
        }
        else
        {
            if (_draw.Chance(0.40))
            {
                Nps(d, customer, openedAt.AddMinutes(24 * 60 + _random.Next(9 * 24 * 60)), NpsWhileOpen);
            }

            if (_draw.Chance(0.12))
            {
                Visit(d, customer, WorkingHours(openedAt.AddDays(3 + _random.Next(18))), returning: true);
            }
        }
    }

    /// <summary>A relationship NPS answer (no job card), drawn around <paramref name="mean"/>.</summary>
    private void Nps(Dealership d, int customer, DateTimeOffset at, double mean)
    {
        // Box–Muller: a normal spread around the mean, rounded onto the 0–10 scale.
        var z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        var score = (int)Math.Clamp(Math.Round(mean + NpsSpread * z), 0, 10);
        if (Add(at, "survey", "survey.nps.submitted", d, Payloads.Nps(Reference("SV", d, at), ServiceNetwork.CustomerId(customer), null, score)))
        {
            _nps.Add(new MonthNps(customer, at, score));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The rest of the network's activity

    /// <summary>
    /// Sales, contracts, referrals, support cases, relationship surveys and reversals over the
    /// month, at the regular traffic's rate per visit (46 such events for every 52 visits opened).
    /// Its ids have a prefix of their own.
    /// </summary>
    private void AddRestOfTheMix(int visits)
    {
        var spontaneous = visits * 46.0 / 52;
        var mix = new TrafficGenerator(_network, new TrafficOptions
        {
            Seed = _options.Seed + 1,
            RunId = _options.RunId + "-mix",
            End = End,
            History = End - From,
            ExpectedEvents = (long)Math.Ceiling(spontaneous / TrafficGenerator.SpontaneousShare),
            ServiceActivity = false,
        });
        while (mix.Next() is var e && e.OccurredAt < End)
        {
            _events.Add(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Plumbing

    /// <summary>Emits an event if it falls within the month; answers whether it did.</summary>
    private bool Add(DateTimeOffset at, string source, string type, Dealership d, Action<Utf8JsonWriter> data)
    {
        if (at < From || at >= End)
        {
            return false;
        }

        _events.Add(new GeneratedEvent
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{_options.RunId}-{++_emitted:D9}"),
            Source = source,
            Type = type,
            OccurredAt = at,
            DealershipId = d.Id,
            Data = data,
        });
        return true;
    }

    /// <summary>
    /// An order, survey or complaint number: <c>SV-KA001-261123-00042</c>. The date keeps it apart
    /// from the numbers of the rest of the mix (<c>SV-KA001-000042</c>), which count on their own.
    /// </summary>
    private string Reference(string prefix, Dealership d, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{d.Code}-{at.ToOffset(Wire.Ist):yyMMdd}-{NextSerial(d):D5}");

    private int NextSerial(Dealership d) => ++_serials[d.Index];

    /// <summary>A time in the workshop's opening hours (08:30–17:30 IST) on the day of <paramref name="day"/>.</summary>
    private DateTimeOffset WorkingHours(DateTimeOffset day) =>
        new DateTimeOffset(day.ToOffset(Wire.Ist).Date, Wire.Ist).AddMinutes(8 * 60 + 30 + _random.Next(9 * 60));

    private int Poisson(double mean)
    {
        // Knuth's method: fine for the means of a day (tens).
        var limit = Math.Exp(-mean);
        var n = 0;
        for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble())
        {
            n++;
        }

        return n;
    }
}
