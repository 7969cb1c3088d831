using Microsoft.Extensions.Options;
using Pitstop.Grains;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Outbox;

namespace Pitstop.BudgetHotPath.Grains;

/// <summary>
/// The budget as it was before it group-committed its writes (commit f707520): the engine's own
/// <see cref="BudgetBook"/>, <see cref="BudgetState"/>, grain storage and journal, but not
/// reentrant, so each award call has the activation to itself for one state write and one journal
/// append. What the engine's budget would cost without its settle loop.
/// </summary>
/// <remarks>
/// Not reentrant on purpose: a reentrant grain that writes once per call would send concurrent
/// writes with the same ETag, and all but one would fail with an InconsistentStateException.
/// Serializing the calls is what an un-batched budget has to do.
/// </remarks>
public sealed class UnbatchedBudgetGrain(
    [PersistentState("budget", StorageNames.Grains)] IPersistentState<BudgetState> state,
    IOptions<ProgramOptions> program,
    RecordsSender records,
    ProgramClock clock,
    ProgramCalendar calendar)
    : Grain, IUnbatchedBudgetGrain
{
    private readonly BudgetPolicy _defaultPolicy = new(program.Value.Budgets.Threshold, program.Value.Budgets.Amount, program.Value.Budgets.MonthlyCap);

    // In memory only: the benchmark never reactivates a budget mid-run.
    private readonly RecentTransfers _recent = new();

    private BudgetBook Book => new(this.GetPrimaryKeyString(), state.State, _recent, _defaultPolicy, calendar);

    public async Task<IReadOnlyList<AwardOutcome>> AwardAsync(IReadOnlyList<AwardRequest> awards)
    {
        var now = clock.GetUtcNow();
        var book = Book;
        book.RollMonth(now);
        var outcomes = awards.Select(a => book.Award(a, now)).ToList();
        await SaveAsync();
        return outcomes;
    }

    public async Task<BudgetView> FundAsync(string idempotencyKey, long points)
    {
        var now = clock.GetUtcNow();
        var book = Book;
        if (!book.IsTopUpDone(idempotencyKey))
        {
            book.RollMonth(now);
            book.CompleteTopUp(book.BeginTopUp(idempotencyKey, points, "benchmark funding", now), withdrawn: true, now);
            await SaveAsync();
        }

        return book.View(now);
    }

    public Task<BudgetView> GetAsync() => Task.FromResult(Book.View(clock.GetUtcNow()));

    // The engine's order: state first, then the outbox (journal entries, notifications).
    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        await records.SendAsync(state.State.Outbox);
    }
}
