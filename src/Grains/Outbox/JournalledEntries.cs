using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger;

namespace Pitstop.Grains.Outbox;

/// <summary>
/// What a storage does with an <see cref="IJournalledState"/>'s ledger entries around one write:
/// takes them out of the outbox right before the state is serialized (on the grain's scheduler, so
/// no grain code runs in between and the payload holds none), journals them with the state, and
/// puts them back if the write fails.
/// </summary>
public readonly struct JournalledEntries
{
    private readonly DurableOutbox? _outbox;
    private readonly IReadOnlyList<LedgerEntry>? _entries;

    private JournalledEntries(DurableOutbox outbox, IReadOnlyList<LedgerEntry> entries)
    {
        _outbox = outbox;
        _entries = entries;
    }

    /// <summary>The entries to journal with the write; empty for a state without an outbox.</summary>
    public IReadOnlyList<LedgerEntry> Entries => _entries ?? [];

    /// <summary>Takes the entries of <paramref name="state"/>'s outbox, if it has one; call it before serializing the state.</summary>
    public static JournalledEntries Take<T>(T state) =>
        state is IJournalledState { Outbox: { } outbox } ? new(outbox, outbox.TakeEntries()) : default;

    /// <summary>The write stored the state and the entries: counts the movements the journal took.</summary>
    public void Committed(PointsMetrics metrics) => metrics.Journalled(Entries);

    /// <summary>The write failed: the entries go back to the outbox, ahead of any made since, for the next write.</summary>
    public void Failed() => _outbox?.PutBack(Entries);
}
