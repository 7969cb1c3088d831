namespace Pitstop.Grains.Interfaces.Ledger;

/// <summary>The balances of one member wallet, as program.md names them.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.PointsBalance")]
public sealed record PointsBalance(
    [property: Id(0)] long Available,
    [property: Id(1)] long Pending,
    [property: Id(2)] long LifetimeEarned,
    [property: Id(3)] long Redeemed,
    [property: Id(4)] long Expired);
