using System.Collections.Concurrent;

namespace Pitstop.Api.Simulation;

/// <summary>
/// The simulations of this API node, newest first, in memory: a run is a few minutes of work whose
/// answer is read soon after. One replays at a time (each starts a silo of its own, on a machine the
/// engine shares); the others queue. Only the newest <see cref="Kept"/> are kept.
/// </summary>
internal sealed class SimulationRuns(IClusterClient engine, IProgramInForce programs, TimeProvider time) : IDisposable
{
    public const int Kept = 20;

    private readonly ConcurrentDictionary<string, SimulationRun> _runs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private long _number;

    public SimulationRun Start(SimulationRequest request)
    {
        // Numbered for the list's order; the random part keeps ids of different nodes, or of a node started again, apart.
        var number = Interlocked.Increment(ref _number);
        var run = new SimulationRun(number, $"SIM-{number}-{Guid.NewGuid().ToString("N")[..8]}", request, time.GetUtcNow());
        _runs[run.Id] = run;
        foreach (var old in List().Skip(Kept))
        {
            old.Cancel();
            _runs.TryRemove(old.Id, out _);
        }

        _ = Task.Run(() => run.RunAsync(engine, programs, _oneAtATime));
        return run;
    }

    public void Dispose()
    {
        foreach (var run in _runs.Values)
        {
            run.Cancel();
        }

        _oneAtATime.Dispose();
    }

    public SimulationRun? Find(string id) => _runs.GetValueOrDefault(id);

    public IReadOnlyList<SimulationRun> List() => [.. _runs.Values.OrderByDescending(r => r.Number)];
}
