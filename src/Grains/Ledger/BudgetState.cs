using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// A dealership budget. Kept small on purpose (the grain is hot): balances, this month's counters,
/// the queue of unfunded awards and the work still to finish; no history.
/// </summary>
[GenerateSerializer, Alias("pitstop.BudgetState")]
public sealed class BudgetState : IJournalledState
{
    [Id(0)] public long Available { get; set; }
    [Id(1)] public BudgetPolicy? Policy { get; set; }
    [Id(2)] public string Month { get; set; } = "";
    [Id(3)] public long ToppedUpThisMonth { get; set; }
    [Id(4)] public long AutoToppedUpThisMonth { get; set; }
    [Id(5)] public int AutoTopUpsThisMonth { get; set; }
    [Id(6)] public long SpentThisMonth { get; set; }
    [Id(7)] public bool CapReachedThisMonth { get; set; }
    [Id(8)] public long ToppedUpTotal { get; set; }
    [Id(9)] public long AwardedTotal { get; set; }

    /// <summary>Awards the budget could not cover yet, oldest event first (funded in this order).</summary>
    [Id(10)] public List<PendingAward> Pending { get; set; } = [];

    // Id 11 held the window of recent transfer ids; it is rebuilt on activation now (RecentTransfers).

    /// <summary>Admin top-ups done, by idempotency key.</summary>
    [Id(12)] public Dictionary<string, TopUpRecord> TopUpsByKey { get; set; } = [];

    [Id(13)] public List<TopUpRecord> RecentTopUps { get; set; } = [];

    /// <summary>Top-ups recorded before the pool was asked: finished on the next call or activation.</summary>
    [Id(14)] public List<TopUpRecord> TopUpsInFlight { get; set; } = [];

    /// <summary>Announcements of states stored before they left through the outbox: read only to move them there.</summary>
    [Id(15)] public List<PendingAward> FundedStoredEarlier { get; set; } = [];

    /// <summary>
    /// Notifications raised, ledger entries made, and announcements to members (funded awards,
    /// reversals), not yet sent.
    /// </summary>
    [Id(18)] public DurableOutbox Outbox { get; set; } = new();

    /// <summary>
    /// Pending awards funded since, not yet confirmed by their member; <c>At</c> is when each was
    /// funded, the day its lot is dated from however late the member hears of it.
    /// </summary>
    public IEnumerable<PendingAward> FundedToAnnounce => Outbox.Deliveries.OfType<FundedAwardDelivery>().Select(d => d.Award);

    /// <summary>Awards being moved back, not yet confirmed by their member.</summary>
    public IEnumerable<AwardReversal> ReversalsToConfirm => Outbox.Deliveries.OfType<ReversalDelivery>().Select(d => d.Reversal);

    /// <summary>After the pool refused an auto top-up, the next one waits until then.</summary>
    [Id(17)] public DateTimeOffset AutoTopUpRetryAfter { get; set; }

    /// <summary>Events reversed here (by "source:id"): an award they cause later is refused. Reversals are rare.</summary>
    [Id(19)] public HashSet<string> ReversedCauses { get; set; } = [];

    /// <summary>Reversed events whose awards were all collected into <see cref="ReversalsToConfirm"/>.</summary>
    [Id(20)] public HashSet<string> ReversalsCollected { get; set; } = [];

    /// <summary>Reversals of states stored before they left through the outbox: read only to move them there.</summary>
    [Id(21)] public List<AwardReversal> ReversalsStoredEarlier { get; set; } = [];

    /// <summary>Moves the announcements a state stored earlier into the outbox, in their order.</summary>
    public void MoveAnnouncementsStoredEarlier()
    {
        FundedStoredEarlier.ForEach(award => Outbox.Put(new FundedAwardDelivery(award)));
        ReversalsStoredEarlier.ForEach(reversal => Outbox.Put(new ReversalDelivery(reversal)));
        FundedStoredEarlier.Clear();
        ReversalsStoredEarlier.Clear();
    }

    /// <summary>Funded awards moved back (reversals, and returns of cancelled parts) and credited here: a repeat credits nothing.</summary>
    [Id(22)] public HashSet<string> ReversedTransfers { get; set; } = [];
}

/// <summary>
/// An award waiting in <see cref="BudgetState.Pending"/> (<c>At</c>: when it was queued), or one
/// funded since (<c>At</c>: when it was funded). <paramref name="OccurredAt"/> is the time its
/// queue is ordered by; states written before it was kept have none, and are ordered by <c>At</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.PendingAward")]
public sealed record PendingAward(
    [property: Id(0)] string TransferId,
    [property: Id(1)] MemberRef Member,
    [property: Id(2)] long Points,
    [property: Id(3)] string Cause,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] DateTimeOffset OccurredAt = default,
    [property: Id(6)] EntryExplanation? Explanation = null);
