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

    /// <summary>Awards promised but not yet funded by their budget: visible, not spendable.</summary>
    [Id(5)]
    public List<PendingCredit> PendingCredits { get; set; } = [];

    public void Earn(long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        Available += points;
        LifetimeEarned += points;
    }

    public void AddPending(string transferId, long points, string dealershipId)
    {
        PendingCredits.Add(new PendingCredit(transferId, points, dealershipId));
        Pending += points;
    }

    /// <summary>Makes a pending award spendable; false when there is no such pending award.</summary>
    public bool Fund(string transferId)
    {
        var index = PendingCredits.FindIndex(c => c.TransferId == transferId);
        if (index < 0)
        {
            return false;
        }

        var credit = PendingCredits[index];
        PendingCredits.RemoveAt(index);
        Pending -= credit.Points;
        Earn(credit.Points);
        return true;
    }

    public PointsBalance ToBalance() => new(Available, Pending, LifetimeEarned, Redeemed, Expired);
}

[GenerateSerializer, Immutable, Alias("pitstop.PendingCredit")]
public sealed record PendingCredit(
    [property: Id(0)] string TransferId,
    [property: Id(1)] long Points,
    [property: Id(2)] string DealershipId);
