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
public sealed partial class OutboxDispatch(
    RecordsSender records,
    ILogger logger,
    string owner,
    Func<DurableOutbox> outbox,
    Func<string, IReadOnlyList<Delivery>, Task> deliver,
    Action<IReadOnlyList<Delivery>>? taken = null)
{
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    // The deliveries the last write stored. Only they are sent: one added since, and not yet
    // written, must not reach its target before the state that made it is durable.
    private readonly HashSet<Delivery> _stored = new(ReferenceEqualityComparer.Instance);
    private bool _sending;
    private bool _sendAgain;

    /// <summary>Call right after the state holding the outbox was written, and on activation.</summary>
    public async Task DispatchAsync()
    {
        var box = outbox();
        _stored.Clear();
        if (box.Deliveries.Count > 0)
        {
            _stored.UnionWith(box.Deliveries);
            SendStored();
        }

        await records.SendAsync(box);
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
            // Left in the outbox: sent again with the next write or activation.
            _inFlight.Remove(target);
            LogNotDelivered(logger, ex, owner, target, items.Count);
            return;
        }

        _inFlight.Remove(target);
        taken?.Invoke(items);
        outbox().Taken(items);
        // What the target was given while this delivery was on its way, if it is stored.
        SendStored();
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "{Owner} could not deliver {Count} items to {Target}; they are sent again with its next write or activation")]
    private static partial void LogNotDelivered(ILogger logger, Exception ex, string owner, string target, int count);
}
