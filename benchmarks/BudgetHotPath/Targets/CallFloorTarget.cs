using Pitstop.BudgetHotPath.Grains;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.BudgetHotPath.Targets;

/// <summary>The floor baseline: the same calls into a grain that does nothing (<see cref="CallFloorGrain"/>).</summary>
internal sealed class CallFloorTarget(IGrainFactory grains, string key) : IAwardTarget
{
    private readonly ICallFloorGrain _grain = grains.GetGrain<ICallFloorGrain>(key);

    public string Name => "call floor (baseline)";

    public string Storage => "none";

    public string Description =>
        "baseline: a reentrant grain that takes the same messages and answers at once (Grains/CallFloorGrain.cs): the cost of " +
        "the Orleans call itself, the most any grain in the budget's place could take";

    public Task PrepareAsync(long points) => Task.CompletedTask;

    public async Task<bool> AwardAsync(AwardRequest award) => (await _grain.AwardAsync([award]))[0].Funded;

    public Task<long?> StateWritesAsync() => Task.FromResult<long?>(null);

    public async Task<IReadOnlyList<string>> VerifyAsync(long awards, long points)
    {
        var (taken, pointsTaken) = await _grain.TotalsAsync();
        return taken == awards && pointsTaken == points
            ? []
            : [$"call floor: took {taken} awards of {pointsTaken} points, expected {awards} of {points}"];
    }
}
