using System.Diagnostics.Metrics;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// The ledger's counters (meter <c>Pitstop.Points</c>, exported at <c>/metrics</c>): points minted,
/// topped up, issued into wallets, held pending, redeemed, refunded, expired, taken back, and
/// opening balances brought over by a migration.
/// Movements are counted as the journal takes them from a grain's outbox: with the write that
/// stores the grain's state (<see cref="Outbox.JournalledEntries"/>), or after it for grains whose
/// storage leaves them to <see cref="Outbox.RecordsSender"/>; so a counter never shows a movement
/// that storage does not. For the latter, a crash between the journal append and the grain's next
/// write sends that outbox again and counts it twice.
/// </summary>
public sealed class PointsMetrics
{
    public const string MeterName = "Pitstop.Points";

    private readonly Counter<long> _minted;
    private readonly Counter<long> _toppedUp;
    private readonly Counter<long> _issued;
    private readonly Counter<long> _pending;
    private readonly Counter<long> _redeemed;
    private readonly Counter<long> _refunded;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _reversed;
    private readonly Counter<long> _opened;

    // From the host's meter factory; the exporter still gathers every meter of this name in the process.
    public PointsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _minted = meter.CreateCounter<long>("pitstop.points.minted", "{point}", "Points minted into the brand pool");
        _toppedUp = meter.CreateCounter<long>("pitstop.points.topped_up", "{point}", "Points moved from the brand pool into dealership budgets");
        _issued = meter.CreateCounter<long>("pitstop.points.issued", "{point}", "Awards funded by a dealership budget into member wallets, by member kind");
        _pending = meter.CreateCounter<long>("pitstop.points.pending", "{point}", "Awards held pending because their dealership's budget could not fund them when earned");
        _redeemed = meter.CreateCounter<long>("pitstop.points.redeemed", "{point}", "Points spent on redemptions, by member kind");
        _refunded = meter.CreateCounter<long>("pitstop.points.refunded", "{point}", "Points given back by cancelled redemptions, by member kind");
        _expired = meter.CreateCounter<long>("pitstop.points.expired", "{point}", "Points expired from member wallets, by member kind");
        _opened = meter.CreateCounter<long>("pitstop.points.opening_balances", "{point}", "Opening balances moved from the brand pool into wallets by a migration");
        _reversed = meter.CreateCounter<long>("pitstop.points.reversed", "{point}", "Awarded points taken back from wallets (event reversed, or condition failed later), by member kind and reason");
    }

    /// <summary>Counts the movements the journal has just taken.</summary>
    public void Journalled(IReadOnlyList<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case EntryKinds.Mint:
                    _minted.Add(entry.Points);
                    break;
                case EntryKinds.TopUp:
                    _toppedUp.Add(entry.Points);
                    break;
                case EntryKinds.Award:
                    _issued.Add(entry.Points, Member(entry.To));
                    break;
                case EntryKinds.Redemption:
                    _redeemed.Add(entry.Points, Member(entry.From));
                    break;
                case EntryKinds.Refund:
                    _refunded.Add(entry.Points, Member(entry.To));
                    break;
                case EntryKinds.Expiry:
                    _expired.Add(entry.Points, Member(entry.From));
                    break;
                case EntryKinds.OpeningBalance:
                    _opened.Add(entry.Points);
                    break;
                case EntryKinds.Reversal or EntryKinds.Cancellation:
                    _reversed.Add(entry.Points, Member(entry.From), new("reason", entry.Kind));
                    break;
            }
        }
    }

    /// <summary>Counts awards a budget has queued for lack of points (they count as issued once funded).</summary>
    public void HeldPending(long points)
    {
        if (points > 0)
        {
            _pending.Add(points);
        }
    }

    private static KeyValuePair<string, object?> Member(string account) => new("member", Accounts.ClassOf(account));
}
