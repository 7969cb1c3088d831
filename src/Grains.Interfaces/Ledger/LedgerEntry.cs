namespace Pitstop.Grains.Interfaces.Ledger;

/// <summary>
/// One movement of points between two accounts (program.md, double entry): a stable id (appending
/// the same entry twice stores it once), what caused it, and both sides. <see cref="Seq"/> is the
/// journal position, set when the entry is stored. An earning carries its <see cref="Explanation"/>;
/// a reversal names the entry it <see cref="Reverses"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string From,
    [property: Id(4)] string To,
    [property: Id(5)] long Points,
    [property: Id(6)] string? DealershipId,
    [property: Id(7)] string? SourceEventId,
    [property: Id(8)] string? Note,
    [property: Id(9)] long Seq = 0,
    [property: Id(10)] EntryExplanation? Explanation = null,
    [property: Id(11)] string? Reverses = null);

/// <summary>The accounts of program.md, as the journal names them.</summary>
public static class Accounts
{
    /// <summary>Where minted points come from: its balance is minus everything ever minted.</summary>
    public const string Minted = "minted";
    public const string Pool = "pool";
    public const string Redeemed = "redeemed";
    public const string Expired = "expired";
    public const string BudgetClass = "budget";
    public const string CustomerClass = "customer";
    public const string StaffClass = "staff";

    public static string Budget(string dealershipId) => $"{BudgetClass}:{dealershipId}";

    /// <summary>The class of an account: the part before the first colon ("budget:D-1" → "budget").</summary>
    public static string ClassOf(string account)
    {
        var colon = account.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? account : account[..colon];
    }
}

public static class EntryKinds
{
    public const string Mint = "mint";
    public const string TopUp = "top-up";
    public const string Award = "award";
    public const string Redemption = "redemption";
    public const string Refund = "refund";
    public const string Expiry = "expiry";
    public const string Reversal = "reversal";

    /// <summary>A migrated customer's balance from the brand's earlier system, moved from the pool to the wallet.</summary>
    public const string OpeningBalance = "opening-balance";

    /// <summary>Part of a funded award given back because its condition failed later (zero-defect points after a defect).</summary>
    public const string Cancellation = "cancellation";

    /// <summary>
    /// An event that was accepted but, by the rules, earned nothing, recorded with the reason on the
    /// ledger of the member who would have earned (a second referral of the same referee). Zero points.
    /// </summary>
    public const string Ignored = "ignored";
}

/// <summary>Net balance of each class of account (<see cref="Accounts.ClassOf"/>) over the whole journal.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.JournalTotals")]
public sealed record JournalTotals([property: Id(0)] IReadOnlyDictionary<string, long> ByClass)
{
    public long Of(string accountClass) => ByClass.GetValueOrDefault(accountClass);
}

/// <summary>Reads the ledger journal for the API; any silo can answer.</summary>
[Alias("pitstop.ILedgerGrain")]
public interface ILedgerGrain : IGrainWithIntegerKey
{
    /// <summary>Entries touching <paramref name="account"/>, newest first, before position <paramref name="before"/> (0: from the newest).</summary>
    [ReadOnly, Alias("read")]
    Task<IReadOnlyList<LedgerEntry>> ReadAsync(string account, long before, int limit);

    [ReadOnly, Alias("totals")]
    Task<JournalTotals> TotalsAsync();

    /// <summary>What customers of each of <paramref name="dealershipIds"/> were issued and redeemed (see <see cref="CustomerPointsFlow"/>).</summary>
    [ReadOnly, Alias("customer-flows")]
    Task<IReadOnlyDictionary<string, CustomerPointsFlow>> CustomerFlowsAsync(IReadOnlyList<string> dealershipIds);

    /// <summary>
    /// The points that left and entered <paramref name="account"/> in [<paramref name="from"/>, <paramref name="to"/>),
    /// summed per day of <paramref name="timeZone"/> (an IANA id) and kind: a budget's burn.
    /// </summary>
    [ReadOnly, Alias("day-sums")]
    Task<IReadOnlyList<JournalDaySum>> DaySumsAsync(string account, DateTimeOffset from, DateTimeOffset to, string timeZone);
}

/// <summary>
/// A dealership's customer points, from the journal: awards its budget funded into customer wallets
/// (reversals taken off), and points its customers spent (home dealership; refunds taken off).
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.CustomerPointsFlow")]
public sealed record CustomerPointsFlow([property: Id(0)] long Issued, [property: Id(1)] long Redeemed)
{
    public static readonly CustomerPointsFlow None = new(0, 0);

    public CustomerPointsFlow Add(string kind, long points) => kind switch
    {
        EntryKinds.Award => this with { Issued = Issued + points },
        EntryKinds.Reversal => this with { Issued = Issued - points },
        EntryKinds.Redemption => this with { Redeemed = Redeemed + points },
        EntryKinds.Refund => this with { Redeemed = Redeemed - points },
        _ => this,
    };
}

/// <summary>The points of one kind that left (<see cref="Outgoing"/>) or entered an account on one day.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.JournalDaySum")]
public sealed record JournalDaySum(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] string Kind,
    [property: Id(2)] bool Outgoing,
    [property: Id(3)] long Points);
