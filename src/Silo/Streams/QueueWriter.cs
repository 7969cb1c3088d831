using System.Threading.Channels;

namespace Pitstop.Silo.Streams;

/// <summary>
/// Group commit for producers: concurrent enqueue calls (one per stream of an intake batch, and
/// many batches at once) wait together and are written by one multi-row insert. Each caller's task
/// completes only after the insert that holds its message has committed.
/// </summary>
internal sealed class QueueWriter : IAsyncDisposable
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly QueueTable _table;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public QueueWriter(QueueTable table, int maxBatch)
    {
        _table = table;
        _maxBatch = maxBatch;
        _loop = Task.Run(WriteLoopAsync);
    }

    public Task EnqueueAsync(int queue, byte[] payload)
    {
        var pending = new Pending(queue, payload, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(pending), this);

        return pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await _table.InsertAsync(batch.Select(p => (p.Queue, p.Payload)).ToList(), _stopping.Token).ConfigureAwait(false);
                batch.ForEach(p => p.Done.TrySetResult());
            }
#pragma warning disable CA1031 // Every failure belongs to the callers waiting on this insert.
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
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: callers still waiting are failed below.
        }

        while (_pending.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(new ObjectDisposedException(nameof(QueueWriter)));
        }

        _stopping.Dispose();
    }

    private sealed record Pending(int Queue, byte[] Payload, TaskCompletionSource Done);
}
