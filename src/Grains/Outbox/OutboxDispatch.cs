using Microsoft.Extensions.Logging;

namespace Pitstop.Grains.Outbox;

/// <summary>
/// Sends a grain's <see cref="DurableOutbox"/> after each write of the state that holds it, and on
/// activation (what a crash left). Deliveries to grains go first, outside the grain's turn: the
/// target may at this moment be waiting on the grain, and waiting on it in return would lock both;
/// and a board's score need not wait for the journal. The journal and the feed are then sent and
/// awaited: they call no grain back. A delivery leaves the
/// outbox only once its target took it. One delivery per target is in flight at a time: rounds
/// that run meanwhile would otherwise send the same items again and again.
/// </summary>
/// <param name="owner">The grain whose outbox this is, as logs name it.</param>
/// <param name="deliver">Hands one target its deliveries (the grain knows which grain each kind goes to).</param>
/// <param name="taken">Runs in the grain's turn once a target took its deliveries, before they leave the outbox.</param>
/// <param name="retryAfter">The first pause before a failed delivery is sent again (doubled on each failure in a row, up to <see cref="LongestPause"/>, for eight failures).</param>
public sealed partial class OutboxDispatch(
    RecordsSender records,
    ILogger logger,
    string owner,
    Func<DurableOutbox> outbox,
    Func<string, IReadOnlyList<Delivery>, Task> deliver,
    Action<IReadOnlyList<Delivery>>? taken = null,
    TimeSpan? retryAfter = null)
{
    public static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    // Failures in a row after which a target waits for the grain's next write or activation: the
    // pauses then add up to about three minutes, and a delay never outlives its activation for long.
    private const int PausedRetries = 8;

    private static readonly List<Delivery> NoDeliveries = [];

    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    // Failures in a row, by target: how long the next pause is.
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    // The deliveries the last write stored. Only they are sent: one added since, and not yet
    // written, must not reach its target before the state that made it is durable.
    private readonly HashSet<Delivery> _stored = new(ReferenceEqualityComparer.Instance);
    private bool _sending;
    private bool _sendAgain;

    /// <summary>
    /// Writes the state that holds the outbox with <paramref name="write"/>, then sends what that
    /// write stored — and only that. What is in the outbox when the write begins is in what it
    /// stores; what a reentrant grain (a budget) adds while the write is on its way is not, and
    /// waits for the next round: a journal entry sent before its state is durable would outlive a
    /// crash that the state does not (the budget, rebuilt from the journal, would take the entry's
    /// award for paid while its stored balance was never debited).
    /// </summary>
    public async Task WriteThenSendAsync(Func<Task> write)
    {
        var box = outbox();
        var entries = box.Entries.Count;
        var taken = box.EntriesTaken;
        var notifications = box.Notifications.Count;
        // Most writes leave no delivery (a customer's usual case): nothing to copy then.
        var deliveries = box.Deliveries.Count == 0 ? NoDeliveries : [.. box.Deliveries];
        await write();
        // A storage that journals entries with the state took them from the front of the outbox:
        // those journalled are not sent again, and what is left was made during the write.
        entries = (int)Math.Max(0, entries - (box.EntriesTaken - taken));
        await SendAsync(box, entries, notifications, deliveries);
    }

    /// <summary>Sends everything the outbox holds: on activation, when all of it was read from storage.</summary>
    public Task DispatchAsync()
    {
        var box = outbox();
        return SendAsync(box, box.Entries.Count, box.Notifications.Count, box.Deliveries);
    }

    private async Task SendAsync(DurableOutbox box, int entries, int notifications, List<Delivery> deliveries)
    {
        _stored.Clear();
        if (deliveries.Count > 0)
        {
            _stored.UnionWith(deliveries);
            SendStored();
        }

        await records.SendAsync(box, entries, notifications);
    }

    private void SendStored()
    {
        // A delivery that completes at once sends what follows it from within this loop; the loop
        // then goes round again instead, so no target is given the same items twice.
        if (_sending)
        {
            _sendAgain = true;
            return;
        }

        _sending = true;
        try
        {
            do
            {
                _sendAgain = false;
                foreach (var target in outbox().Deliveries.Where(_stored.Contains).GroupBy(d => d.Target).ToList())
                {
                    if (_inFlight.Add(target.Key))
                    {
                        _ = SendAsync(target.Key, [.. target]);
                    }
                }
            }
            while (_sendAgain);
        }
        finally
        {
            _sending = false;
        }
    }

    private async Task SendAsync(string target, IReadOnlyList<Delivery> items)
    {
        try
        {
            await deliver(target, items);
        }
        catch (Exception ex)
        {
            // Left in the outbox and sent again after a pause, besides with the next write or
            // activation: a target whose silo is stopping is placed elsewhere within seconds, and
            // this grain may have no next write to send it with (a technician whose last visit's
            // score is the one its board lacks).
            _inFlight.Remove(target);
            var failures = _failures[target] = _failures.GetValueOrDefault(target) + 1;
            if (failures > PausedRetries)
            {
                LogNotDeliveredUntilNextWrite(logger, ex, owner, target, items.Count, failures);
                return;
            }

            var pause = TimeSpan.FromTicks(Math.Min((retryAfter ?? FirstPause).Ticks << (failures - 1), LongestPause.Ticks));
            LogNotDelivered(logger, ex, owner, target, items.Count, pause);
            // Resumes in the activation's own scheduler (the continuation's context).
            await Task.Delay(pause);
            SendStored();
            return;
        }

        _failures.Remove(target);
        _inFlight.Remove(target);
        taken?.Invoke(items);
        outbox().Taken(items);
        // What the target was given while this delivery was on its way, if it is stored.
        SendStored();
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "{Owner} could not deliver {Count} items to {Target}; they are sent again in {Pause}, or with its next write or activation")]
    private static partial void LogNotDelivered(ILogger logger, Exception ex, string owner, string target, int count, TimeSpan pause);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "{Owner} could not deliver {Count} items to {Target} {Failures} times in a row; they are sent again with its next write or activation")]
    private static partial void LogNotDeliveredUntilNextWrite(ILogger logger, Exception ex, string owner, string target, int count, int failures);
}
