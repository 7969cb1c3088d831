using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Loyalty;

/// <summary>A member wallet's balances (program.md, accounts), shared by customers and staff.</summary>
[GenerateSerializer, Alias("pitstop.Wallet")]
public sealed class Wallet
{
    [Id(0)]
    public long Available { get; set; }

    [Id(1)]
    public long Pending { get; set; }

    [Id(2)]
    public long LifetimeEarned { get; set; }

    [Id(3)]
    public long Redeemed { get; set; }

    [Id(4)]
    public long Expired { get; set; }

    public void Earn(long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        Available += points;
        LifetimeEarned += points;
    }

    public PointsBalance ToBalance() => new(Available, Pending, LifetimeEarned, Redeemed, Expired);
}
