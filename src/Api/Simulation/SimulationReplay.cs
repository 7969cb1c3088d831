using Orleans.Concurrency;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Recovery;
using Pitstop.Grains.Simulation;

namespace Pitstop.Api.Simulation;

/// <summary>
/// One program replayed over archived events in a <see cref="SimulationSilo"/> of its own: the
/// dealerships and staff copied in, every budget funded without limit, then each archived chunk
/// handed to its dealership's router (<see cref="IEventRouterGrain.ReplayAsync"/>) at the time the
/// engine applied it, in the order of a <see cref="ReplayPlan"/>: dealerships side by side, every
/// grain's events in archive order.
/// </summary>
internal sealed class SimulationReplay(IReadOnlyList<ArchivedEvent> events, SimulationWorld world, DateTimeOffset from, DateTimeOffset to)
{
    /// <summary>What each budget is given: more than any network awards, so no award waits on money (the draw is reported instead).</summary>
    public const long Funding = 1_000_000_000_000;

    /// <summary>
    /// How often a chunk is handed to its router before the replay fails: as a stream hands a failing
    /// chunk again, until the router takes it one event at a time (after
    /// <see cref="DeliveryOptions.MaxAttempts"/> failures) and moves aside what its rules refuse.
    /// </summary>
    private static readonly int Attempts = new DeliveryOptions().MaxAttempts + 1;

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
        await ReplayAsync(silo.Grains, clock, ReplayPlan.Of(events, new RecoveryRules(program.First.Recovery)), replayed, cancellation);

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
        await Task.WhenAll(world.Dealerships.Keys.Select(dealership => grains.Reference<IBudgetGrain>(dealership).TopUpAsync("simulation", Funding, "simulation funding")));
    }

    /// <summary>Every chunk of the plan, each once those it waits for are applied; progress as chunks complete.</summary>
    private static async Task ReplayAsync(IGrainFactory grains, ReplayClock clock, ReplayPlan plan, IProgress<int> replayed, CancellationToken cancellation)
    {
        var done = 0;
        var progress = new Lock();
        var applied = new Task[plan.Chunks.Count];
        foreach (var chunk in plan.Chunks)
        {
            applied[chunk.Index] = ApplyAsync(chunk, [.. chunk.After.Select(i => applied[i])]);
        }

        await Task.WhenAll(applied);

        async Task ApplyAsync(ReplayChunk chunk, Task[] before)
        {
            await Task.WhenAll(before);
            cancellation.ThrowIfCancellationRequested();
            // The engine's clock as this chunk went out, for every grain its calls reach.
            clock.AppliedAt(chunk.AppliedAt);
            var router = grains.Reference<IEventRouterGrain>(chunk.DealershipId);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await router.ReplayAsync(chunk.Events.AsImmutable());
                    break;
                }
                catch (Exception) when (attempt < Attempts)
                {
                    // The router counted the failure; the next hand goes one event at a time once they are used up.
                }
            }

            // Under a lock: chunks complete side by side, and the count shown never goes back.
            lock (progress)
            {
                done += chunk.Events.Count;
                replayed.Report(done);
            }
        }
    }

    /// <summary>
    /// The journal once the outboxes have sent what the last chunk left (funded awards reach their
    /// members after the chunk is applied): read until two reads a moment apart agree.
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
