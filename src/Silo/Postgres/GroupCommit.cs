using System.Threading.Channels;

namespace Pitstop.Silo.Postgres;

/// <summary>
/// Group commit: concurrent requests wait together and are served by one database round trip.
/// Under load a round trip carries hundreds of requests; idle, a request goes out at once. Each
/// caller's task completes with its own result only after the round trip that carried it.
/// </summary>
internal sealed class GroupCommit<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>();
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> _flush;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _loops;

    /// <param name="flush">Serves a batch; returns one result per request, in order.</param>
    /// <param name="maxBatch">Most requests one round trip carries.</param>
    /// <param name="concurrency">Round trips in flight at once.</param>
    public GroupCommit(Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> flush, int maxBatch, int concurrency = 1)
    {
        _flush = flush;
        _maxBatch = maxBatch;
        _loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(FlushLoopAsync)).ToArray();
    }

    public Task<TResult> SubmitAsync(TRequest request)
    {
        var pending = new Pending(request, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(pending), this);
        return pending.Done.Task;
    }

    private async Task FlushLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var results = await _flush(batch.ConvertAll(p => p.Request), _stopping.Token).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
#pragma warning disable CA1031 // Every failure belongs to the callers waiting on this round trip.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: callers still waiting are failed below.
        }

        while (_pending.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommit<TRequest, TResult>)));
        }

        _stopping.Dispose();
    }

    // A struct: the channel and the batch hold it by value, so a request costs its task alone.
    private readonly record struct Pending(TRequest Request, TaskCompletionSource<TResult> Done);
}
