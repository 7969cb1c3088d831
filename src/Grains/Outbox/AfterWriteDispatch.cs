using Microsoft.Extensions.Logging;

namespace Pitstop.Grains.Outbox;

/// <summary>
/// Sends what a grain's write left for other grains — incident notices, board scores, budget
/// announcements — after the write and outside the grain's turn: the target may at this moment be
/// waiting on the grain, and waiting on it in return would lock both. The items stay in the grain's
/// state until their target took them, so what a crash or a failure leaves is sent again with the
/// grain's next write or activation. One delivery per target is in flight at a time: rounds that run
/// meanwhile would otherwise send the same items again and again.
/// </summary>
/// <remarks>
/// The journal and the feed are not sent this way: the grain awaits them (<see cref="RecordsSender"/>),
/// since they call no grain back.
/// </remarks>
public sealed partial class AfterWriteDispatch(ILogger logger, IGrainBase owner)
{
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// Hands <paramref name="items"/> to <paramref name="deliver"/> unless a delivery to
    /// <paramref name="target"/> is under way. <paramref name="taken"/> runs in the grain's turn
    /// once the target has them: it removes them from the state (persisted with the next write).
    /// </summary>
    public void Send<T>(string target, IReadOnlyList<T> items, Func<IReadOnlyList<T>, Task> deliver, Action<IReadOnlyList<T>> taken)
    {
        if (items.Count == 0 || !_inFlight.Add(target))
        {
            return;
        }

        _ = SendAsync(target, items, deliver, taken);
    }

    private async Task SendAsync<T>(string target, IReadOnlyList<T> items, Func<IReadOnlyList<T>, Task> deliver, Action<IReadOnlyList<T>> taken)
    {
        try
        {
            await deliver(items);
            _inFlight.Remove(target);
            taken(items);
        }
        catch (Exception ex)
        {
            _inFlight.Remove(target);
            LogNotDelivered(logger, ex, owner.GrainContext.GrainId.ToString(), target, items.Count);
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "{Owner} could not deliver {Count} items to {Target}; they are sent again with its next write or activation")]
    private static partial void LogNotDelivered(ILogger logger, Exception ex, string owner, string target, int count);
}
