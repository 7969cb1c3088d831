using System.Diagnostics;
using Pitstop.Grains.League.Ranking;
using Pitstop.League.Report;

namespace Pitstop.League;

/// <summary>
/// The ScoreBoard alone, on one thread, as the grain that owns a board runs it. Memory per member
/// on a board of staff ids; then updates, rank queries and top-10 queries per second on a board of
/// redis-benchmark's ids, at members drawn at random as redis-benchmark draws them.
/// </summary>
internal sealed class InProcessRun(int members, int seed, TimeSpan warmup, TimeSpan duration, TextWriter log)
{
    // The clock is read once per batch, not once per operation.
    private const int Batch = 1_024;

    public List<Figure> Run()
    {
        var figures = new List<Figure>();

        // Everything the board allocates, growth slack included; the ids handed to it are garbage by
        // the time of the second count.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var start = Stopwatch.GetTimestamp();
        var staffBoard = Build(BoardMembers.Initial(members, BoardMembers.StaffId, seed));
        var loadSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(staffBoard);
        var bytesPerMember = (after - before) / (double)members;
        log.WriteLine($"  in-process: {members:N0} staff ids loaded in {loadSeconds:0.00} s, {bytesPerMember:0.0} bytes per member");
        figures.Add(new Figure(members, Figure.InProcess, "memory-bytes", bytesPerMember));
        figures.Add(new Figure(members, Figure.InProcess, "load-seconds", loadSeconds));

        var ids = Enumerable.Range(0, members).Select(BoardMembers.BenchmarkId).ToArray();
        var board = Build(BoardMembers.Initial(members, i => ids[i], seed));
        var random = new Random(seed);
        figures.Add(new Figure(members, Figure.InProcess, "update", Rate("updates (Add +1)", () => board.Add(ids[random.Next(members)], 1))));
        figures.Add(new Figure(members, Figure.InProcess, "rank", Rate("rank queries (RankOf)", () => board.RankOf(ids[random.Next(members)]))));
        figures.Add(new Figure(members, Figure.InProcess, "top10", Rate("top-10 queries (Top(10))", () => board.Top(10))));
        return figures;
    }

    private static ScoreBoard Build(IEnumerable<(string Id, long Score)> members)
    {
        var board = new ScoreBoard();
        foreach (var (id, score) in members)
        {
            board.Set(id, score);
        }

        return board;
    }

    private double Rate(string what, Action step)
    {
        Timed(step, warmup);
        var rate = Timed(step, duration);
        log.WriteLine($"  in-process {what}: {rate:N0}/s");
        return rate;
    }

    private static double Timed(Action step, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long operations = 0;
        long now;
        do
        {
            for (var i = 0; i < Batch; i++)
            {
                step();
            }

            operations += Batch;
            now = Stopwatch.GetTimestamp();
        }
        while (now < end);

        return operations / Stopwatch.GetElapsedTime(start, now).TotalSeconds;
    }
}
