using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.BudgetHotPath.Targets;

/// <summary>
/// An administrator's top-up of a dealership's budget, as <c>POST /api/v1/dealerships/{id}/budget/top-ups</c>
/// makes it: <c>TopUpAsync</c> with a key of its own, which answers once the budget's state (and
/// the pool's withdrawal) is durably written. Each call is one top-up of the award's points.
/// </summary>
internal sealed class AdminTopUpTarget(IGrainFactory grains, StateVersions versions, string dealershipId) : IAwardTarget
{
    private readonly IBudgetGrain _budget = grains.GetGrain<IBudgetGrain>(dealershipId);

    public string Name => "admin top-up (engine)";

    public string Storage => "PostgreSQL";

    public string Description =>
        "one administrator's top-up per call (BudgetGrain.TopUpAsync from a funded pool, durable before the answer), the call the " +
        "admin API makes; set against the raw single-row UPDATE below by p99 (the goal: at most 5×)";

    // Above the program's auto top-up threshold (100,000), so that no auto top-up runs during the
    // measurement: every write the calls wait for is their own top-up's.
    private const long Opening = 1_000_000;

    public async Task PrepareAsync(long points)
    {
        await grains.GetGrain<IBrandPoolGrain>(IBrandPoolGrain.Key).MintAsync($"bench-{dealershipId}", points, "admin top-up benchmark");
        if ((await _budget.TopUpAsync($"bench-{dealershipId}-opening", Opening, "admin top-up benchmark")).PoolShort)
        {
            throw new InvalidOperationException($"the brand pool could not cover the opening top-up of {Opening} points");
        }
    }

    public async Task<bool> AwardAsync(AwardRequest award) =>
        !(await _budget.TopUpAsync(award.TransferId, award.Points, "admin top-up benchmark")).PoolShort;

    public async Task<long?> StateWritesAsync() => await versions.VersionAsync(_budget.GetGrainId(), "budget");

    public async Task<IReadOnlyList<string>> VerifyAsync(long awards, long points)
    {
        var budget = await _budget.GetAsync();
        return budget.ToppedUpTotal == Opening + points && budget.Available == Opening + points && budget.AutoToppedUpThisMonth == 0
            ? []
            : [$"admin top-up: the budget shows {budget.ToppedUpTotal} points topped up ({budget.AutoToppedUpThisMonth} automatically) and {budget.Available} available after an opening {Opening} and {awards} top-ups of {points} in all"];
    }
}
