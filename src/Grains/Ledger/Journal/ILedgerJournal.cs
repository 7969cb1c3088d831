using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Ledger.Journal;

/// <summary>
/// The ledger journal: every movement of points, append-only. Grains keep balances; the journal
/// keeps history, so that a hot grain's state stays small. Appending is idempotent on the entry id:
/// grains append from an outbox after their own write and may append the same entry again after a
/// crash.
/// </summary>
public interface ILedgerJournal
{
    Task AppendAsync(IReadOnlyList<LedgerEntry> entries);

    /// <summary>Entries touching <paramref name="account"/>, newest first, before position <paramref name="before"/> (0: from the newest).</summary>
    Task<IReadOnlyList<LedgerEntry>> ReadAsync(string account, long before, int limit);

    Task<JournalTotals> TotalsAsync();

    /// <summary>Award, reversal, redemption and refund entries of customer wallets, by dealership (<see cref="CustomerPointsFlow"/>).</summary>
    Task<IReadOnlyDictionary<string, CustomerPointsFlow>> CustomerFlowsAsync(IReadOnlyList<string> dealershipIds);

    /// <summary>Points out of and into <paramref name="account"/> in [<paramref name="from"/>, <paramref name="to"/>), per day of <paramref name="zone"/> and kind.</summary>
    Task<IReadOnlyList<JournalDaySum>> DaySumsAsync(string account, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone);

    /// <summary>The award entries out of <paramref name="budgetAccount"/> that the event <paramref name="cause"/> caused (a reversal moves them back).</summary>
    Task<IReadOnlyList<LedgerEntry>> AwardsCausedByAsync(string budgetAccount, string cause);

    /// <summary>
    /// The newest <paramref name="limit"/> award entries out of <paramref name="budgetAccount"/>, oldest
    /// first, as transfer ids and points: the transfers the budget funded most recently (an award
    /// entry's id is its transfer id).
    /// </summary>
    Task<IReadOnlyList<RecentAward>> RecentAwardsAsync(string budgetAccount, int limit);

    /// <summary>Member accounts credited in [<paramref name="from"/>, <paramref name="to"/>): whose lots may expire in the matching window.</summary>
    Task<IReadOnlyList<string>> MembersCreditedAsync(DateTimeOffset from, DateTimeOffset to);
}

/// <summary>A transfer a budget funded, as its award entry in the journal holds it.</summary>
public sealed record RecentAward(string TransferId, long Points);
