namespace Pitstop.Grains.Outbox;

/// <summary>
/// A grain state holding a <see cref="DurableOutbox"/>. A storage that recognises it journals the
/// outbox's ledger entries in the write that stores the state (<see cref="JournalledEntries"/>):
/// the entries are then never held in the stored state, and need no second write to leave it. A
/// storage that does not (Orleans' ADO.NET reference storage) stores them in the state, and the
/// grain's <see cref="RecordsSender"/> sends them after the write, as before. The grain's code is
/// the same either way: it writes, then sends what the write left.
/// </summary>
public interface IJournalledState
{
    DurableOutbox Outbox { get; }
}
