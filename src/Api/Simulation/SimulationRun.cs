using System.Collections.Concurrent;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Simulation;

namespace Pitstop.Api.Simulation;

/// <summary>What a simulation replays: the candidate program over the archived events of a period, optionally of some dealerships only.</summary>
internal sealed record SimulationRequest(ProgramOptions Program, DateTimeOffset From, DateTimeOffset To, IReadOnlySet<string>? Dealerships, IReadOnlySet<string>? States);

/// <summary>
/// One what-if simulation: the archived events up to the period's end replayed twice, under the
/// program in force and under the candidate, each in a silo of its own, one after the other; its
/// progress is the events replayed of both runs. Cancelling stops the replay under way.
/// </summary>
internal sealed class SimulationRun(long number, string id, SimulationRequest request, DateTimeOffset requestedAt) : IDisposable
{
    /// <summary>Dealerships whose archived events are read at once: enough to keep the database and the silos busy, not the cores the engine shares.</summary>
    private const int ArchiveReaders = 4;

    private readonly CancellationTokenSource _cancel = new();
    private readonly Lock _gate = new();
    private bool _over;
    private volatile int _replayed;

    /// <summary>The run's place in the order this node took them in.</summary>
    public long Number => number;

    public string Id => id;

    public SimulationRequest Request => request;

    public DateTimeOffset RequestedAt => requestedAt;

    public SimulationState State { get; private set; } = SimulationState.Queued;

    public int Replayed => _replayed;

    /// <summary>Events to replay across both runs; known once the archive has been read.</summary>
    public int Total { get; private set; }

    public string? Error { get; private set; }

    public ReplayOutcome? InForce { get; private set; }

    public ReplayOutcome? Candidate { get; private set; }

    /// <summary>Stops the run if it is still queued or running; a finished run stays as it is.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (!_over)
            {
                _cancel.Cancel();
            }
        }
    }

    /// <summary>Called once the run is over: a cancellation then changes nothing.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_over)
            {
                _over = true;
                _cancel.Dispose();
            }
        }
    }

    public async Task RunAsync(IGrainFactory engine, IProgramInForce programs, SemaphoreSlim oneAtATime)
    {
        try
        {
            await oneAtATime.WaitAsync(_cancel.Token);
            try
            {
                State = SimulationState.Running;
                var archived = await ArchivedAsync(engine, _cancel.Token);
                var world = await SimulationWorld.ReadAsync(engine, archived.Select(e => e.Event.DealershipId).ToHashSet(StringComparer.Ordinal));
                var events = Filter(archived, world);
                Total = events.Count * 2;
                var replay = new SimulationReplay(events, world, request.From, request.To);
                InForce = await replay.RunAsync(await programs.HistoryAsync(), new Progress(this, 0), _cancel.Token);
                Candidate = await replay.RunAsync(ProgramHistory.Only(request.Program), new Progress(this, events.Count), _cancel.Token);
                State = SimulationState.Completed;
            }
            finally
            {
                oneAtATime.Release();
            }
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            State = SimulationState.Cancelled;
        }
#pragma warning disable CA1031 // A run that fails says why in its state; nobody awaits it but its readers.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Error = ex.GetBaseException().Message;
            State = SimulationState.Failed;
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>The simulated journal of one side, to read a member's simulated ledger.</summary>
    public IReadOnlyList<LedgerEntry>? JournalOf(bool candidate) => (candidate ? Candidate : InForce)?.Journal;

    /// <summary>
    /// Everything archived before the period ends, in archive order: what precedes the period carries
    /// balances and tiers into it. Each dealership's events are read on their own (the archive has an
    /// index for them), a few dealerships at a time, and merged by their place in the archive.
    /// </summary>
    private async Task<List<ArchivedEvent>> ArchivedAsync(IGrainFactory engine, CancellationToken cancellation)
    {
        var archive = engine.Reference<IEventArchiveGrain>(IEventArchiveGrain.Key);
        var dealerships = await engine.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
        var pages = new ConcurrentBag<IReadOnlyList<ArchivedEvent>>();
        var readers = new ParallelOptions { MaxDegreeOfParallelism = ArchiveReaders, CancellationToken = cancellation };
        await Parallel.ForEachAsync(dealerships.Keys.Where(d => request.Dealerships?.Contains(d) ?? true), readers, async (dealership, token) =>
        {
            long after = 0;
            while (true)
            {
                token.ThrowIfCancellationRequested();
                var page = await archive.ReadAsync(new ArchiveQuery(dealership, DateTimeOffset.MinValue, request.To, after, 1_000));
                if (page.Count == 0)
                {
                    return;
                }

                pages.Add(page);
                after = page[^1].Seq;
            }
        });
        return [.. pages.SelectMany(p => p).OrderBy(e => e.Seq)];
    }

    private List<ArchivedEvent> Filter(List<ArchivedEvent> events, SimulationWorld world) =>
        [.. events.Where(e =>
            (request.Dealerships is null || request.Dealerships.Contains(e.Event.DealershipId)) &&
            (request.States is null || (world.Dealerships.TryGetValue(e.Event.DealershipId, out var profile) && request.States.Contains(profile.State))))];

    private sealed class Progress(SimulationRun run, int before) : IProgress<int>
    {
        public void Report(int value) => run._replayed = before + value;
    }
}

public enum SimulationState
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}
