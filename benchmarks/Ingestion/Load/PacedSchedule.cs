using System.Diagnostics;

namespace Pitstop.Ingestion.Load;

/// <summary>
/// The open-loop timetable of a paced load: batch i is due i × batch ÷ rate seconds after the
/// start, whichever client is free to send it. No batch leaves before it is due, so the load never
/// runs ahead of the rate; a batch that finds every client busy leaves as soon as one is free, so
/// the schedule catches up after a slow answer without bursting beyond it. The sends that were
/// late, and by how much, show whether the target (or this machine) kept up with the rate.
/// </summary>
internal sealed class PacedSchedule(double rate, int batchSize, TimeSpan duration)
{
    private readonly List<double> _lateMs = [];
    private long _lastSendTicks;

    /// <summary>The time between two batches over all clients.</summary>
    private TimeSpan Interval => TimeSpan.FromSeconds(batchSize / rate);

    /// <summary>Waits until batch <paramref name="index"/> is due (at once when it is overdue).</summary>
    public async Task WaitForTurnAsync(int index, Stopwatch clock, CancellationToken cancellation)
    {
        var due = Interval * index;
        var early = due - clock.Elapsed;
        if (early > TimeSpan.Zero)
        {
            await Task.Delay(early, cancellation);
        }

        var sent = clock.Elapsed;
        lock (_lateMs)
        {
            _lateMs.Add(Math.Max(0, (sent - due).TotalMilliseconds));
            _lastSendTicks = Math.Max(_lastSendTicks, sent.Ticks);
        }
    }

    /// <summary>
    /// What was kept of the schedule. The achieved rate counts each batch sent with its interval,
    /// so a schedule kept to the end achieves exactly the rate.
    /// </summary>
    public PacedResult Result(long eventsSent)
    {
        lock (_lateMs)
        {
            var span = TimeSpan.FromTicks(_lastSendTicks) + Interval;
            return new PacedResult(rate, duration.TotalSeconds, _lateMs.Count == 0 ? 0 : eventsSent / span.TotalSeconds, LatencySummary.From([.. _lateMs]));
        }
    }
}

/// <summary>A paced load's rate and duration, the send rate achieved, and how late the batches left (ms behind their schedule).</summary>
public sealed record PacedResult(double Rate, double DurationSeconds, double SentEventsPerSecond, LatencySummary BehindScheduleMs);
