using Pitstop.BudgetHotPath.Grains;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger.Journal;

namespace Pitstop.BudgetHotPath.Targets;

/// <summary>The baseline budget that writes once per call (<see cref="UnbatchedBudgetGrain"/>).</summary>
internal sealed class UnbatchedBudgetTarget(IGrainFactory grains, ILedgerJournal journal, StateVersions? versions, string dealershipId, string storage) : IAwardTarget
{
    private readonly IUnbatchedBudgetGrain _budget = grains.GetGrain<IUnbatchedBudgetGrain>(dealershipId);

    public string Name => "un-batched budget (baseline)";

    public string Storage => storage;

    public string Description =>
        "baseline: the engine's own BudgetBook, BudgetState, grain storage and journal in a grain that is not reentrant and " +
        "writes its state and appends to the journal once per call (Grains/UnbatchedBudgetGrain.cs): the budget as it was " +
        "before it group-committed (commit f707520), i.e. what the settle loop saves";

    public Task PrepareAsync(long points) => _budget.FundAsync($"bench-{dealershipId}", points);

    public async Task<bool> AwardAsync(AwardRequest award) => (await _budget.AwardAsync([award]))[0].Funded;

    public async Task<long?> StateWritesAsync() =>
        versions is null ? null : await versions.VersionAsync(_budget.GetGrainId(), "budget");

    public async Task<IReadOnlyList<string>> VerifyAsync(long awards, long points) =>
        await BudgetChecks.VerifyAsync(await _budget.GetAsync(), journal, awards, points);
}
