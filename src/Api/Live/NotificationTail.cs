using Microsoft.Extensions.Options;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Api.Live;

/// <summary>
/// The API node's tail of the durable notification feed, for its live readers: while anyone
/// watches, one loop reads what is new (every dealership) and keeps the newest
/// <see cref="LiveOptions.Window"/> notifications, so a thousand open streams cost one feed read per
/// <see cref="LiveOptions.PollInterval"/>, not a thousand. The feed hands out positions in commit
/// order, so the window holds every notification between its start and its head. Each node tails
/// the feed itself: a notification raised on any silo reaches every node's streams.
/// </summary>
public sealed partial class NotificationTail(IGrainFactory grains, IOptions<LiveOptions> options, ILogger<NotificationTail> logger) : IDisposable
{
    private const int PageSize = 1_000;

    private readonly Lock _gate = new();
    private readonly List<Notification> _window = [];
    private readonly CancellationTokenSource _stopping = new();

    // The window holds every notification after _windowStart up to _head.
    private long _windowStart = -1;
    private long _head = -1;
    private TaskCompletionSource _news = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _watchers;
    private Task? _started;

    private INotificationsGrain Feed => grains.Reference<INotificationsGrain>(0);

    /// <summary>The feed's position now: a stream that starts from now follows what comes after it.</summary>
    public Task<long> NowAsync() => Feed.HeadAsync();

    /// <summary>
    /// The notifications after <paramref name="after"/> (null: from now on) that <paramref name="visible"/>
    /// lets through, as they come, until <paramref name="cancellation"/>. Yields null when nothing came
    /// for a heartbeat's time. A cursor older than the window reads the feed itself until it catches up.
    /// </summary>
    public async IAsyncEnumerable<Notification?> FollowAsync(
        long? after, IReadOnlyList<string>? dealerships, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        Interlocked.Increment(ref _watchers);
        try
        {
            await StartAsync();
            var cursor = after ?? Head;
            while (!cancellation.IsCancellationRequested)
            {
                Task news;
                List<Notification>? fresh;
                lock (_gate)
                {
                    news = _news.Task;
                    fresh = cursor >= _windowStart ? [.. _window.Where(n => n.Seq > cursor)] : null;
                    if (fresh is not null)
                    {
                        cursor = Math.Max(cursor, _head);
                    }
                }

                if (fresh is null)
                {
                    // Behind the window: the feed itself, filtered where it is stored.
                    var page = await Feed.ReadAsync(cursor, PageSize, dealerships).WaitAsync(cancellation);
                    foreach (var n in page)
                    {
                        yield return n;
                    }

                    cursor = page.Count > 0 ? page[^1].Seq : Math.Max(cursor, _windowStart);
                    continue;
                }

                foreach (var n in fresh.Where(n => dealerships is null || (n.DealershipId is { } d && dealerships.Contains(d))))
                {
                    yield return n;
                }

                if (fresh.Count == 0 && !await NewsWithinAsync(news, cancellation))
                {
                    yield return null;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _watchers);
        }
    }

    private long Head
    {
        get
        {
            lock (_gate)
            {
                return _head;
            }
        }
    }

    private async Task<bool> NewsWithinAsync(Task news, CancellationToken cancellation)
    {
        try
        {
            await news.WaitAsync(options.Value.Heartbeat, cancellation);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Learns where the feed's head is, once (again after a failure), and starts the loop.</summary>
    private Task StartAsync()
    {
        lock (_gate)
        {
            if (_started is null || _started.IsFaulted)
            {
                _started = BeginAsync();
            }

            return _started;
        }
    }

    private async Task BeginAsync()
    {
        var head = await Feed.HeadAsync();
        lock (_gate)
        {
            _head = _windowStart = head;
        }

        _ = TailAsync();
    }

    private async Task TailAsync()
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (Volatile.Read(ref _watchers) > 0)
                {
                    await ReadNewsAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The node stops.
        }
    }

    private async Task ReadNewsAsync()
    {
        IReadOnlyList<Notification> page;
        do
        {
            try
            {
                page = await Feed.ReadAsync(Head, PageSize, null);
            }
#pragma warning disable CA1031 // A failed read is tried again on the next tick; the readers wait meanwhile.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogTailFailed(ex);
                return;
            }

            if (page.Count == 0)
            {
                return;
            }

            TaskCompletionSource news;
            lock (_gate)
            {
                _window.AddRange(page);
                _head = page[^1].Seq;
                var excess = _window.Count - options.Value.Window;
                if (excess > 0)
                {
                    _windowStart = _window[excess - 1].Seq;
                    _window.RemoveRange(0, excess);
                }

                news = _news;
                _news = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            news.SetResult();
        }
        while (page.Count == PageSize);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Reading the notification feed for live streams failed; trying again")]
    private partial void LogTailFailed(Exception ex);
}
