using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger.Journal;

namespace Pitstop.BudgetHotPath.Targets;

/// <summary>
/// The engine's budget grain, called as the member grains call it: one <c>AwardAsync</c> per award.
/// Funded the way an administrator funds it: a mint into the brand pool, then a top-up from it.
/// </summary>
internal sealed class EngineBudgetTarget(
    IGrainFactory grains, ILedgerJournal journal, StateVersions? versions, string dealershipId, string storage, string description) : IAwardTarget
{
    private readonly IBudgetGrain _budget = grains.GetGrain<IBudgetGrain>(dealershipId);

    public string Name => "budget grain (engine)";

    public string Storage => storage;

    public string Description => description;

    public async Task PrepareAsync(long points)
    {
        var pool = grains.GetGrain<IBrandPoolGrain>(IBrandPoolGrain.Key);
        await pool.MintAsync($"bench-{dealershipId}", points, "budget hot-path benchmark");
        var outcome = await _budget.TopUpAsync($"bench-{dealershipId}", points, "budget hot-path benchmark");
        if (outcome.PoolShort)
        {
            throw new InvalidOperationException($"the brand pool could not cover the top-up of {points} points");
        }
    }

    public async Task<bool> AwardAsync(AwardRequest award) => (await _budget.AwardAsync([award]))[0].Funded;

    public async Task<long?> StateWritesAsync() =>
        versions is null ? null : await versions.VersionAsync(_budget.GetGrainId(), "budget");

    public async Task<IReadOnlyList<string>> VerifyAsync(long awards, long points) =>
        await BudgetChecks.VerifyAsync(await _budget.GetAsync(), journal, awards, points);
}
