namespace Pitstop.Grains.Interfaces.Ledger;

/// <summary>
/// An opening balance to move from the brand pool to a migrated customer's wallet.
/// <see cref="Reference"/> is the earlier system's reference (a voucher number), kept in the
/// journal entry's note.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.OpeningTransfer")]
public sealed record OpeningTransfer(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] long Points,
    [property: Id(2)] string? DealershipId,
    [property: Id(3)] string? Reference)
{
    /// <summary>The transfer (and journal entry) id: one per customer, so a customer is given one opening balance, ever.</summary>
    public static string TransferIdOf(string customerId) => $"opening:{customerId}";
}

public enum OpeningResult
{
    /// <summary>The points left the pool now.</summary>
    Moved,

    /// <summary>The same points left the pool for this customer before: nothing moved now.</summary>
    MovedBefore,

    /// <summary>A different amount left the pool for this customer before (<see cref="OpeningOutcome.Points"/>): nothing moved now.</summary>
    OtherAmountMoved,

    /// <summary>The pool holds fewer points than the transfer asks for: nothing moved.</summary>
    PoolShort,
}

/// <summary>What the pool did with one opening balance; <see cref="Points"/> are the points moved for the customer, now or before (0 if none).</summary>
[GenerateSerializer, Immutable, Alias("pitstop.OpeningOutcome")]
public sealed record OpeningOutcome([property: Id(0)] OpeningResult Result, [property: Id(1)] long Points);
