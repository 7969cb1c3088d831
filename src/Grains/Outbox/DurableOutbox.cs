using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Grains.Outbox;

/// <summary>
/// What a grain has decided but not yet handed on: entries for the ledger journal, notifications
/// for the feed, and deliveries to other grains. Kept in the grain's state and written with it,
/// then sent by <see cref="OutboxDispatch"/>: a crash between the write and the send leaves it
/// here, to be sent on the next activation. Every receiver takes a repeat once, so sending twice
/// is harmless. A storage that journals entries with the state (<see cref="IJournalledState"/>)
/// takes them out as it writes: they are journalled exactly when the state is stored.
/// </summary>
[GenerateSerializer, Alias("pitstop.Outbox")]
public sealed class DurableOutbox
{
    [Id(0)] public List<Notification> Notifications { get; set; } = [];
    [Id(1)] public List<LedgerEntry> Entries { get; set; } = [];
    [Id(2)] public List<Delivery> Deliveries { get; set; } = [];

    // Not stored: how many entries storages have taken out of this outbox (in memory) to journal
    // with a write, so a dispatch can tell which of the entries it counted before a write are gone.
    [NonSerialized] private long _taken;

    public bool IsEmpty => Notifications.Count == 0 && Entries.Count == 0 && Deliveries.Count == 0;

    /// <summary>How many entries storages have taken out of this outbox so far (<see cref="TakeEntries"/>, less those put back).</summary>
    public long EntriesTaken => _taken;

    /// <summary>Takes every entry out, for a storage to journal with the write of the state that holds this outbox.</summary>
    public IReadOnlyList<LedgerEntry> TakeEntries()
    {
        if (Entries.Count == 0)
        {
            return [];
        }

        var taken = Entries;
        Entries = [];
        _taken += taken.Count;
        return taken;
    }

    /// <summary>Puts back entries a failed write took, ahead of those made since: the oldest go first.</summary>
    public void PutBack(IReadOnlyList<LedgerEntry> entries)
    {
        Entries.InsertRange(0, entries);
        _taken -= entries.Count;
    }

    /// <summary>Adds a delivery; one with a <see cref="Delivery.Slot"/> replaces the earlier one in its slot (the latest value wins).</summary>
    public void Put(Delivery delivery)
    {
        if (delivery.Slot is not null)
        {
            Deliveries.RemoveAll(delivery.SharesSlotWith);
        }

        Deliveries.Add(delivery);
    }

    /// <summary>Removes what a target has taken; a delivery replaced meanwhile stays, to go again.</summary>
    public void Taken(IReadOnlyCollection<Delivery> taken) => Deliveries.RemoveAll(taken.Contains);
}
