using Orleans.Concurrency;
using Orleans.Streams;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Simulation;

namespace Pitstop.Api.Simulation;

/// <summary>
/// One program replayed over archived events in a <see cref="SimulationSilo"/> of its own: the
/// dealerships and staff copied in, every budget funded without limit, then the events fed to
/// their dealerships' streams chunk by chunk as the archive holds them, the program clock moved to
/// each chunk's applied time and each chunk waited for until its grains applied it.
/// </summary>
internal sealed class SimulationReplay(IReadOnlyList<ArchivedEvent> events, SimulationWorld world, DateTimeOffset from, DateTimeOffset to)
{
    /// <summary>What each budget is given: more than any network awards, so no award waits on money (the draw is reported instead).</summary>
    public const long Funding = 1_000_000_000_000;

    private static readonly TimeSpan SettlementWait = TimeSpan.FromSeconds(10);

    public async Task<ReplayOutcome> RunAsync(ProgramHistory program, IProgress<int> replayed, CancellationToken cancellation)
    {
        var clock = new ReplayClock(events.Count > 0 ? events[0].AppliedAt : from);
        await using var silo = await SimulationSilo.StartAsync($"simulation-{Guid.NewGuid():N}", program.First, clock, cancellation);
        if (program.Later.Count > 0)
        {
            await silo.Grains.Reference<IProgramVersionsGrain>(IProgramVersionsGrain.Key).SeedAsync(program.Later);
        }

        await world.CopyToAsync(silo.Grains);
        await FundAsync(silo.Grains);
        var streams = silo.Client.GetStreamProvider(EventStreams.ProviderName);
        var done = 0;
        foreach (var chunk in Chunks())
        {
            cancellation.ThrowIfCancellationRequested();
            clock.MoveTo(chunk[0].AppliedAt);
            await Task.WhenAll(chunk.GroupBy(a => a.Event.DealershipId, StringComparer.Ordinal)
                .Select(g => ApplyAsync(silo.Grains, streams, g.Key, [.. g.Select(a => a.Event)], cancellation)));
            done += chunk.Count;
            replayed.Report(done);
        }

        var journal = await SettledJournalAsync(silo, cancellation);
        var tally = new SimulationTally(events.ToDictionary(e => e.Event.Key.ToString(), StringComparer.Ordinal), from, to);
        foreach (var entry in journal)
        {
            tally.Add(entry);
        }

        return new ReplayOutcome(tally.Figures(await TiersAsync(silo.Grains), await BoardsAsync(silo.Grains, silo.Calendar.MonthOf(to.AddTicks(-1)))), journal);
    }

    private async Task FundAsync(IGrainFactory grains)
    {
        if (world.Dealerships.Count == 0)
        {
            return;
        }

        await grains.Reference<IBrandPoolGrain>(IBrandPoolGrain.Key).MintAsync("simulation", checked(Funding * world.Dealerships.Count), "simulation funding");
        foreach (var dealership in world.Dealerships.Keys)
        {
            await grains.Reference<IBudgetGrain>(dealership).TopUpAsync("simulation", Funding, "simulation funding");
        }
    }

    /// <summary>Runs of events the engine applied at one time (a router's chunk, or chunks of several dealerships at once), in archive order.</summary>
    private IEnumerable<List<ArchivedEvent>> Chunks()
    {
        var chunk = new List<ArchivedEvent>();
        foreach (var archived in events)
        {
            if (chunk.Count > 0 && (archived.AppliedAt != chunk[0].AppliedAt || chunk.Count == 500))
            {
                yield return chunk;
                chunk = [];
            }

            chunk.Add(archived);
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    // As the intake does it: the router expects the keys, then they are published, then the
    // router says when its grains have applied (or moved aside) every one of them.
    private static async Task ApplyAsync(IGrainFactory grains, IStreamProvider streams, string dealershipId, List<DmsEvent> batch, CancellationToken cancellation)
    {
        var router = grains.Reference<IEventRouterGrain>(dealershipId);
        IReadOnlyList<EventKey> keys = [.. batch.Select(e => e.Key)];
        await router.ExpectAsync(keys.AsImmutable());
        await streams.GetStream<DmsEvent>(EventStreams.ForDealership(dealershipId)).OnNextBatchAsync(batch);
        while ((await router.SettlementAsync(keys.AsImmutable(), SettlementWait)).Contains(EventSettlement.Pending))
        {
            cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// The journal once the outboxes have sent what the last chunk left (funded awards reach their
    /// members after the chunk is acknowledged): read until two reads a moment apart agree.
    /// </summary>
    private static async Task<IReadOnlyList<LedgerEntry>> SettledJournalAsync(SimulationSilo silo, CancellationToken cancellation)
    {
        var entries = silo.Journal.Entries();
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation);
            var again = silo.Journal.Entries();
            if (again.Count == entries.Count)
            {
                return again;
            }

            entries = again;
        }
    }

    /// <summary>
    /// The top of every board of <paramref name="month"/> the replayed dealerships' staff count on:
    /// each role, nationally, in each state and at each dealership, ordered as the boards rank
    /// (score, then staff id for a tie).
    /// </summary>
    private async Task<IReadOnlyList<BoardTop>> BoardsAsync(IGrainFactory grains, string month)
    {
        var scopes = world.Dealerships.Keys.Select(LeaderboardKey.Dealership)
            .Concat(world.Dealerships.Values.Select(d => d.State).Distinct(StringComparer.Ordinal).Select(LeaderboardKey.State))
            .Append(LeaderboardKey.National)
            .Order(StringComparer.Ordinal)
            .ToList();
        var boards = await Task.WhenAll(Enum.GetValues<StaffRole>().SelectMany(role => scopes.Select(async scope =>
        {
            var board = await grains.Reference<ILeaderboardGrain>(LeaderboardKey.Of(role, month, scope)).ChangesSinceAsync(LeaderboardCursor.Start);
            IReadOnlyList<BoardPlace> top = [.. board.Scores
                .OrderByDescending(s => s.Score).ThenBy(s => s.StaffId, StringComparer.Ordinal)
                .Take(BoardTop.Places)
                .Select((s, i) => new BoardPlace(i + 1, s.StaffId, s.Name, s.DealershipId, s.Score))];
            return new BoardTop(WireNames.Of(role), month, scope, top);
        })));
        return [.. boards.Where(b => b.Top.Count > 0)];
    }

    private async Task<TierDistribution> TiersAsync(IGrainFactory grains)
    {
        var slices = await Task.WhenAll(world.Dealerships.Keys.SelectMany(TierCensus.KeysOf).Select(k => grains.Reference<ITierCensusGrain>(k).CountsAsync()));
        var total = slices.Aggregate(TierCounts.None, (sum, slice) => sum.Plus(slice));
        return new TierDistribution(total.Silver, total.Gold, total.Platinum);
    }
}

/// <summary>A replay's figures and its whole journal (each member's simulated ledger is read from it).</summary>
internal sealed record ReplayOutcome(SimulationFigures Figures, IReadOnlyList<LedgerEntry> Journal);
