using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Notifications;

namespace Pitstop.Grains.Outbox;

/// <summary>Hands the entries and notifications of a grain's <see cref="DurableOutbox"/> to the journal and the feed, counting the movements journalled; grains with deliveries send through <see cref="OutboxDispatch"/>.</summary>
public sealed class RecordsSender(INotificationFeed feed, ILedgerJournal journal, PointsMetrics metrics)
{
    /// <summary>
    /// Sends and empties <paramref name="records"/>. Call it after the state that holds them was
    /// written; the emptied outbox is persisted with the grain's next write. Entries the write
    /// journalled itself (<see cref="IJournalledState"/>) have already left the outbox.
    /// </summary>
    public Task SendAsync(DurableOutbox records) => SendAsync(records, records.Entries.Count, records.Notifications.Count);

    /// <summary>
    /// Sends the first <paramref name="entries"/> entries and <paramref name="notifications"/>
    /// notifications (those a write stored) and takes them out; the rest wait for the next send.
    /// </summary>
    public async Task SendAsync(DurableOutbox records, int entries, int notifications)
    {
        entries = Math.Min(entries, records.Entries.Count);
        notifications = Math.Min(notifications, records.Notifications.Count);
        if (entries == 0 && notifications == 0)
        {
            return;
        }

        // Entries first: a notification never announces a movement the journal does not show.
        // Only what was sent leaves the outbox: a reentrant grain may add more while this waits.
        var sentEntries = records.Entries.GetRange(0, entries);
        var sentNotifications = records.Notifications.GetRange(0, notifications);
        await journal.AppendAsync(sentEntries);
        metrics.Journalled(sentEntries);
        await feed.AppendAsync(sentNotifications);
        records.Entries.RemoveRange(0, entries);
        records.Notifications.RemoveRange(0, notifications);
    }
}
