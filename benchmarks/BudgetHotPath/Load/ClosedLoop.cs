using System.Diagnostics;

namespace Pitstop.BudgetHotPath.Load;

/// <summary>
/// C callers, each with one call in flight, sending the next as soon as the last returns (closed
/// loop), as the member grains of a busy dealership wait on its budget. Stops after a number of
/// calls or at a deadline, whichever comes first; calls under way at the deadline are waited for
/// and counted.
/// </summary>
internal sealed class ClosedLoop(int callers)
{
    /// <param name="call">One call; true when the award was funded.</param>
    /// <param name="count">Most calls in all, or null for no limit.</param>
    /// <param name="duration">No call is started after this long, or null for no limit.</param>
    public async Task<LoadResult> RunAsync(Func<Task<bool>> call, long? count, TimeSpan? duration, CancellationToken cancellation)
    {
        if (count is null && duration is null)
        {
            throw new ArgumentException("a closed loop needs a count, a duration or both");
        }

        var state = new LoopState(count ?? long.MaxValue);
        var start = Stopwatch.GetTimestamp();
        var deadline = duration is { } d ? start + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        // Task.Run: the callers run on the thread pool like the member grains' turns, not inline on this thread.
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(() => CallerAsync(call, state, deadline, cancellation), cancellation)).ToArray();
        var latencies = await Task.WhenAll(tasks);
        cancellation.ThrowIfCancellationRequested();

        var all = latencies.SelectMany(l => l).ToList();
        var last = Math.Max(start, Interlocked.Read(ref state.LastDone));
        return new LoadResult(
            Completed: all.Count,
            Failed: state.Failed,
            Unfunded: state.Unfunded,
            Elapsed: Stopwatch.GetElapsedTime(start, last),
            Latency: LatencySummary.From([.. all.Select(t => t * 1000.0 / Stopwatch.Frequency)]),
            FirstError: state.FirstError);
    }

    private static async Task<List<long>> CallerAsync(Func<Task<bool>> call, LoopState state, long deadline, CancellationToken cancellation)
    {
        var latencies = new List<long>(4_096);
        while (!cancellation.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref state.Issued) <= state.Count)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                if (!await call())
                {
                    Interlocked.Increment(ref state.Unfunded);
                }

                var done = Stopwatch.GetTimestamp();
                latencies.Add(done - sent);
                InterlockedMax(ref state.LastDone, done);
            }
#pragma warning disable CA1031 // A failed call is counted and reported; the run goes on and is then marked failed.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref state.Failed);
                Interlocked.CompareExchange(ref state.FirstError, $"{ex.GetType().Name}: {ex.Message}", null);
            }
        }

        return latencies;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref target, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }

    // Shared by the callers of one run; fields, so that Interlocked can work on them.
    private sealed class LoopState(long count)
    {
        public readonly long Count = count;
        public long Issued;
        public long Failed;
        public long Unfunded;
        public long LastDone;
        public string? FirstError;
    }
}
