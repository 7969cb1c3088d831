using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Notifications;

namespace Pitstop.Grains.Outbox;

/// <summary>Hands the entries and notifications of a grain's <see cref="DurableOutbox"/> to the journal and the feed, counting the movements journalled; grains with deliveries send through <see cref="OutboxDispatch"/>.</summary>
public sealed class RecordsSender(INotificationFeed feed, ILedgerJournal journal, PointsMetrics metrics)
{
    /// <summary>
    /// Sends and empties <paramref name="records"/>. Call it after the state that holds them was
    /// written; the emptied outbox is persisted with the grain's next write.
    /// </summary>
    public async Task SendAsync(DurableOutbox records)
    {
        if (records.IsEmpty)
        {
            return;
        }

        // Entries first: a notification never announces a movement the journal does not show.
        // Only what was sent leaves the outbox: a reentrant grain may add more while this waits.
        var entries = records.Entries.ToList();
        var notifications = records.Notifications.ToList();
        await journal.AppendAsync(entries);
        metrics.Journalled(entries);
        await feed.AppendAsync(notifications);
        records.Entries.RemoveRange(0, entries.Count);
        records.Notifications.RemoveRange(0, notifications.Count);
    }
}
