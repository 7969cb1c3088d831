using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Wallets;

/// <summary>
/// A member wallet's balances (program.md, accounts), shared by customers and staff. Spendable
/// points sit in lots, oldest first: while the balance is positive, the lots add up to it.
/// </summary>
[GenerateSerializer, Alias("pitstop.Wallet")]
// Every sum is checked: a balance past long.MaxValue is an OverflowException (the event is moved
// aside), never a wrapped, negative balance.
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

    /// <summary>Spendable points by expiry, soonest first.</summary>
    [Id(6)]
    public List<Lot> Lots { get; set; } = [];

    public void Earn(long points, DateTimeOffset expiresAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        LifetimeEarned = checked(LifetimeEarned + points);
        Credit([new Lot(expiresAt, points)]);
    }

    public void AddPending(string transferId, long points, string dealershipId)
    {
        PendingCredits.Add(new PendingCredit(transferId, points, dealershipId));
        Pending = checked(Pending + points);
    }

    /// <summary>Makes a pending award spendable; false when there is no such pending award.</summary>
    public bool Fund(string transferId, DateTimeOffset expiresAt) => Fund([(transferId, expiresAt)]).Count == 1;

    /// <summary>
    /// Makes pending awards spendable, each with its expiry, in the order given; returns the ids
    /// that were pending (the others were funded or dropped before). One pass over the pending
    /// list: a top-up of a budget that ran dry funds thousands of a member's awards at once, and a
    /// search per award made that quadratic (seconds of a staff member's turn in the crash test).
    /// </summary>
    public IReadOnlyList<string> Fund(IReadOnlyList<(string TransferId, DateTimeOffset ExpiresAt)> awards)
    {
        var asked = new HashSet<string>(awards.Select(a => a.TransferId), StringComparer.Ordinal);
        var taken = new Dictionary<string, PendingCredit>(StringComparer.Ordinal);
        PendingCredits.RemoveAll(c => asked.Contains(c.TransferId) && taken.TryAdd(c.TransferId, c));
        var funded = new List<string>(taken.Count);
        foreach (var (transferId, expiresAt) in awards)
        {
            if (taken.Remove(transferId, out var credit))
            {
                Pending = checked(Pending - credit.Points);
                Earn(credit.Points, expiresAt);
                funded.Add(transferId);
            }
        }

        return funded;
    }

    /// <summary>Drops a pending award whose event was reversed; false when there is no such pending award.</summary>
    public bool DropPending(string transferId) => TakePending(transferId) is not null;

    /// <summary>
    /// Takes back an earned award whose event was reversed, newest lots first. Points already
    /// spent are still owed: the balance may go below zero (events.md).
    /// </summary>
    public void TakeBack(long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        Available = checked(Available - points);
        LifetimeEarned = checked(LifetimeEarned - points);
        var left = points;
        while (left > 0 && Lots.Count > 0)
        {
            var newest = Lots[^1];
            var part = Math.Min(left, newest.Points);
            left = checked(left - part);
            if (part == newest.Points)
            {
                Lots.RemoveAt(Lots.Count - 1);
            }
            else
            {
                Lots[^1] = newest with { Points = newest.Points - part };
            }
        }
    }

    /// <summary>Takes <paramref name="points"/> from the oldest lots; the lots taken, to give back on a cancellation.</summary>
    public IReadOnlyList<Lot> Redeem(long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        if (points > Available)
        {
            throw new InvalidOperationException($"The wallet holds {Available} points, fewer than {points}.");
        }

        var taken = new List<Lot>();
        var left = points;
        while (left > 0)
        {
            var oldest = Lots[0];
            var part = Math.Min(left, oldest.Points);
            taken.Add(oldest with { Points = part });
            left = checked(left - part);
            if (part == oldest.Points)
            {
                Lots.RemoveAt(0);
            }
            else
            {
                Lots[0] = oldest with { Points = oldest.Points - part };
            }
        }

        Available = checked(Available - points);
        Redeemed = checked(Redeemed + points);
        return taken;
    }

    /// <summary>
    /// Gives back the lots a cancelled redemption took, with their own expiry dates. A wallet in
    /// debt (a reversal took back points already spent) pays the debt first, from the oldest lots.
    /// </summary>
    public void Refund(IReadOnlyList<Lot> lots)
    {
        Redeemed = checked(Redeemed - lots.Sum(l => l.Points));
        Credit(lots);
    }

    /// <summary>Moves the lots due by <paramref name="now"/> to expired; the lots that expired.</summary>
    public IReadOnlyList<Lot> ExpireDue(DateTimeOffset now)
    {
        var due = Lots.TakeWhile(l => l.ExpiresAt <= now).ToList();
        if (due.Count == 0)
        {
            return due;
        }

        Lots.RemoveRange(0, due.Count);
        var points = due.Sum(l => l.Points);
        Available = checked(Available - points);
        Expired = checked(Expired + points);
        return due;
    }

    /// <summary>Points that expire after <paramref name="now"/> and by <paramref name="until"/>, by expiry.</summary>
    public IEnumerable<Lot> ExpiringBetween(DateTimeOffset now, DateTimeOffset until) =>
        Lots.Where(l => l.ExpiresAt > now && l.ExpiresAt <= until);

    public PointsBalance ToBalance() => new(Available, Pending, LifetimeEarned, Redeemed, Expired);

    private PendingCredit? TakePending(string transferId)
    {
        var index = PendingCredits.FindIndex(c => c.TransferId == transferId);
        if (index < 0)
        {
            return null;
        }

        var credit = PendingCredits[index];
        PendingCredits.RemoveAt(index);
        Pending = checked(Pending - credit.Points);
        return credit;
    }

    /// <summary>
    /// Adds spendable points as <paramref name="lots"/>, oldest first. A wallet driven below zero
    /// (a reversal took back points already spent) pays that debt first: only what is above zero
    /// forms lots.
    /// </summary>
    private void Credit(IReadOnlyList<Lot> lots)
    {
        var debt = Math.Max(0, -Available);
        Available = checked(Available + lots.Sum(l => l.Points));
        foreach (var lot in lots)
        {
            var paid = Math.Min(debt, lot.Points);
            debt = checked(debt - paid);
            AddLot(lot with { Points = lot.Points - paid });
        }
    }

    private void AddLot(Lot lot)
    {
        if (lot.Points == 0)
        {
            return;
        }

        var index = Lots.FindIndex(l => l.ExpiresAt >= lot.ExpiresAt);
        if (index < 0)
        {
            Lots.Add(lot);
        }
        else if (Lots[index].ExpiresAt == lot.ExpiresAt)
        {
            Lots[index] = Lots[index] with { Points = Lots[index].Points + lot.Points };
        }
        else
        {
            Lots.Insert(index, lot);
        }
    }
}

[GenerateSerializer, Immutable, Alias("pitstop.PendingCredit")]
public sealed record PendingCredit(
    [property: Id(0)] string TransferId,
    [property: Id(1)] long Points,
    [property: Id(2)] string DealershipId);
