using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Wallets;

/// <summary>
/// What a member's decision asks of the world, as data: awards to ask of budgets, points to give
/// back to them, ledger entries, notifications, and deliveries to other grains. The grain asks, persists, then dispatches
/// (<see cref="Wallets.MemberWallet"/>); a test reads them without a silo.
/// </summary>
public sealed class MemberEffects
{
    public List<AwardAsk> Awards { get; } = [];

    public List<BudgetReturn> Returns { get; } = [];

    public List<LedgerEntry> Entries { get; } = [];

    public List<Notification> Notifications { get; } = [];

    public List<Delivery> Deliveries { get; } = [];
}

/// <summary>
/// Points asked of <paramref name="DealershipId"/>'s budget under <paramref name="TransferId"/> (the same id on every replay);
/// <paramref name="OccurredAt"/>, the time of the event that earned them, places them in the budget's queue;
/// <paramref name="Explanation"/> is what the award's journal entry will say of how the points were computed.
/// </summary>
public sealed record AwardAsk(string TransferId, long Points, string Cause, string DealershipId, DateTimeOffset OccurredAt, EntryExplanation? Explanation = null);

/// <summary>Points a member gives back to <paramref name="DealershipId"/>'s budget (a cancelled zero-defect award), once per <paramref name="ReturnId"/>.</summary>
public sealed record BudgetReturn(string ReturnId, long Points, string DealershipId);

/// <summary>What a decision did: whether it changed the member's state, and what must follow.</summary>
public sealed record MemberDecision(bool Changed, MemberEffects Effects);
