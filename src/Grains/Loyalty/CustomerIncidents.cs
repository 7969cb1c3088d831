using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Recovery;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// What a customer remembers for service recovery: the incidents linked to them (for the repeat
/// rule and to tell them what follows), recent NPS answers and visits (an incident reported late
/// still learns of them), and recoveries received. The notices for incidents leave through the
/// customer's outbox.
/// </summary>
[GenerateSerializer, Alias("pitstop.CustomerIncidents")]
public sealed class CustomerIncidents
{
    /// <summary>How long incidents, answers and visits are remembered: retention is judged up to a year after closure.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(2 * 365);

    /// <summary>At most this many of each are kept, the newest, whatever the memory.</summary>
    public const int MaxEach = 32;

    [Id(0)] public List<IncidentLink> Links { get; set; } = [];

    [Id(1)] public List<NpsReading> Nps { get; set; } = [];

    [Id(2)] public List<VisitSeen> Visits { get; set; } = [];

    /// <summary>Recoveries received, by incident id.</summary>
    [Id(3)] public Dictionary<string, RecoveryReceived> Recoveries { get; set; } = [];

    /// <summary>
    /// Notices of states stored before notices left through the outbox: read only to move them
    /// there (<see cref="CustomerGrain"/> does on activation).
    /// </summary>
    [Id(4)] public List<PendingNotice> NoticesStoredEarlier { get; set; } = [];

    /// <summary>Recent support cases (call centre, escalation desk): a complaint reported late still learns of them.</summary>
    [Id(5)] public List<SupportCaseSeen> SupportCases { get; set; } = [];

    /// <summary>Moves the notices a state stored earlier into <paramref name="outbox"/>, in their order.</summary>
    public void MoveNoticesStoredEarlier(DurableOutbox outbox)
    {
        NoticesStoredEarlier.ForEach(notice => outbox.Put(new IncidentNoticeDelivery(notice.IncidentId, notice.Notice)));
        NoticesStoredEarlier.Clear();
    }

    /// <summary>Remembers an NPS answer; answers the notices the customer's incidents must be given.</summary>
    public IEnumerable<IncidentNoticeDelivery> Remember(NpsReading reading, DateTimeOffset now)
    {
        if (Nps.TrueForAll(r => r.SurveyId != reading.SurveyId))
        {
            Nps.Add(reading);
            Trim(Nps, r => r.At, now);
        }

        return Notify(new CustomerNotice(CustomerNoticeKind.Nps, reading.At, reading.SurveyId, reading.Score), now);
    }

    /// <summary>Remembers a visit; answers the notices the customer's incidents must be given.</summary>
    public IEnumerable<IncidentNoticeDelivery> Remember(VisitSeen visit, DateTimeOffset now)
    {
        if (Visits.TrueForAll(v => v.JobCardId != visit.JobCardId))
        {
            Visits.Add(visit);
            Trim(Visits, v => v.At, now);
        }

        return Notify(new CustomerNotice(CustomerNoticeKind.Visit, visit.At, visit.JobCardId), now);
    }

    /// <summary>Remembers a support case; answers the notices the customer's complaints must be given (the only incidents that escalate).</summary>
    public IEnumerable<IncidentNoticeDelivery> Remember(SupportCaseSeen seen, DateTimeOffset now)
    {
        if (SupportCases.TrueForAll(c => c.CaseId != seen.CaseId))
        {
            SupportCases.Add(seen);
            Trim(SupportCases, c => c.OpenedAt, now);
        }

        return [.. Notify(new CustomerNotice(CustomerNoticeKind.SupportCase, seen.OpenedAt, seen.CaseId), now).Where(d => IncidentIds.IsComplaint(d.IncidentId))];
    }

    /// <summary>
    /// Tells each recovery how many of its points the customer has redeemed since receiving it
    /// (<see cref="RecoveryKpis.RedeemedByRecovery"/>), when that changed since it was last told.
    /// </summary>
    public IEnumerable<IncidentNoticeDelivery> TellRedeemed(IEnumerable<RedemptionSpent> redemptions, DateTimeOffset now)
    {
        var given = Recoveries.Where(r => r.Value.FundedAt is not null).Select(r => new RecoveryGiven(r.Key, r.Value.FundedAt!.Value, r.Value.Points));
        var notices = new List<IncidentNoticeDelivery>();
        foreach (var (incidentId, redeemed) in RecoveryKpis.RedeemedByRecovery(given, redemptions).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var received = Recoveries[incidentId];
            if (received.RedeemedTold != redeemed)
            {
                Recoveries[incidentId] = received with { RedeemedTold = redeemed };
                notices.Add(new IncidentNoticeDelivery(incidentId, new CustomerNotice(CustomerNoticeKind.RecoveryRedeemed, now, received.TransferId, Points: redeemed)));
            }
        }

        return notices;
    }

    /// <summary>Remembers an incident of the customer (once); false when it was known already.</summary>
    public bool Link(string incidentId, DateTimeOffset openedAt, DateTimeOffset now)
    {
        if (!Links.TrueForAll(l => l.IncidentId != incidentId))
        {
            return false;
        }

        Links.Add(new IncidentLink(incidentId, openedAt));
        Trim(Links, l => l.OpenedAt, now);
        return true;
    }

    /// <summary>Links an incident (once) and answers what it should know; the same answer every time.</summary>
    public IncidentContext Join(string incidentId, DateTimeOffset openedAt, Func<DateTimeOffset, IEnumerable<DateTimeOffset>, bool> isRepeat, DateTimeOffset now)
    {
        Link(incidentId, openedAt, now);

        var repeat = isRepeat(openedAt, Links.Where(l => l.IncidentId != incidentId).Select(l => l.OpenedAt));
        // The reading the incident's NPS-before rule picks (ties by survey id), not whichever arrived first.
        var lastBefore = RecoveryRules.NpsBefore(Nps, openedAt);
        IReadOnlyList<NpsReading> nps = [.. Nps.Where(r => r.At >= openedAt || r == lastBefore)];
        return new IncidentContext(repeat, nps, [.. Visits.Where(v => v.At >= openedAt)], [.. SupportCases.Where(c => c.OpenedAt >= openedAt)]);
    }

    private List<IncidentNoticeDelivery> Notify(CustomerNotice notice, DateTimeOffset now) =>
        [.. Links.Where(l => l.OpenedAt >= now - Memory).Select(l => new IncidentNoticeDelivery(l.IncidentId, notice))];

    private static void Trim<T>(List<T> items, Func<T, DateTimeOffset> at, DateTimeOffset now)
    {
        items.RemoveAll(i => at(i) < now - Memory);
        if (items.Count > MaxEach)
        {
            var newest = items.OrderByDescending(at).Take(MaxEach).ToHashSet();
            items.RemoveAll(i => !newest.Contains(i));
        }
    }
}

[GenerateSerializer, Immutable, Alias("pitstop.IncidentLink")]
public sealed record IncidentLink([property: Id(0)] string IncidentId, [property: Id(1)] DateTimeOffset OpenedAt);

/// <summary>
/// A recovery the customer received; <see cref="FundedAt"/> is null while its budget leaves it
/// pending. <see cref="RedeemedTold"/> is how many of its points its incident was last told were redeemed.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.RecoveryReceived")]
public sealed record RecoveryReceived(
    [property: Id(0)] string TransferId,
    [property: Id(1)] ExperienceCategory Category,
    [property: Id(2)] DateTimeOffset? FundedAt,
    [property: Id(3)] long Points = 0,
    [property: Id(4)] long RedeemedTold = 0);

[GenerateSerializer, Immutable, Alias("pitstop.PendingNotice")]
public sealed record PendingNotice([property: Id(0)] string IncidentId, [property: Id(1)] CustomerNotice Notice);
