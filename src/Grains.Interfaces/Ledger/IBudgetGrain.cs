using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Interfaces.Ledger;

/// <summary>
/// A dealership's points budget (keyed by dealership id): every award of that dealership draws on
/// it; what it cannot cover waits as pending and is funded oldest event first when points arrive.
/// </summary>
[Alias("pitstop.IBudgetGrain")]
public interface IBudgetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Funds or queues each award. Idempotent on the transfer id: a repeat (a member replaying an
    /// event after a crash) gets the award's current outcome and moves nothing.
    /// </summary>
    [Alias("award")]
    Task<IReadOnlyList<AwardOutcome>> AwardAsync(IReadOnlyList<AwardRequest> awards);

    /// <summary>An admin top-up from the brand pool; idempotent on the key.</summary>
    [Alias("top-up")]
    Task<TopUpOutcome> TopUpAsync(string idempotencyKey, long points, string reason);

    [Alias("policy")]
    Task<BudgetView> SetPolicyAsync(BudgetPolicy policy);

    [ReadOnly, Alias("get")]
    Task<BudgetView> GetAsync();

    /// <summary>
    /// Moves back every award the event <paramref name="original"/> caused here (transaction.reversed):
    /// funded ones from their wallets to this budget, pending ones dropped; later awards for it are
    /// refused. Idempotent.
    /// </summary>
    [Alias("reverse")]
    Task ReverseAsync(EventKey original);

    /// <summary>
    /// Takes back points a member gives back from an award (a cancelled part of it), once per
    /// <paramref name="returnId"/>; the member journals the movement.
    /// </summary>
    [Alias("return")]
    Task ReturnAsync(string returnId, long points);
}

/// <summary>
/// An award to a member, drawn on the budget of the dealership that caused it.
/// <paramref name="OccurredAt"/> is when its event happened, the order in which waiting awards are
/// funded; none (an award no event causes, or a caller from before the field) counts as asked now.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.AwardRequest")]
public sealed record AwardRequest(
    [property: Id(0)] string TransferId,
    [property: Id(1)] MemberRef Member,
    [property: Id(2)] long Points,
    [property: Id(3)] string Cause,
    [property: Id(4)] DateTimeOffset OccurredAt = default,
    [property: Id(5)] EntryExplanation? Explanation = null);

/// <summary>
/// What became of an award: funded (spendable), pending (neither flag), or reversed (its event was
/// reversed: nothing is owed). <see cref="Points"/> is what the budget took or holds for the
/// transfer — on a replay, what the first ask moved, whatever the member decided this time (0 from
/// a budget that predates the field: the member's own figure stands).
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.AwardOutcome")]
public sealed record AwardOutcome(
    [property: Id(0)] string TransferId,
    [property: Id(1)] bool Funded,
    [property: Id(2)] bool Reversed = false,
    [property: Id(3)] long Points = 0);

/// <summary>An award being moved back by a reversal; <see cref="Funded"/>: it had left the budget.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.AwardReversal")]
public sealed record AwardReversal(
    [property: Id(0)] string TransferId,
    [property: Id(1)] MemberRef Member,
    [property: Id(2)] long Points,
    [property: Id(3)] bool Funded,
    [property: Id(4)] EventKey Original,
    [property: Id(5)] string DealershipId);

/// <summary>The auto top-up policy of program.md.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.BudgetPolicy")]
public sealed record BudgetPolicy(
    [property: Id(0)] long Threshold,
    [property: Id(1)] long Amount,
    [property: Id(2)] long MonthlyCap);

[GenerateSerializer, Immutable, Alias("pitstop.TopUpRecord")]
public sealed record TopUpRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] long Points,
    [property: Id(3)] bool Automatic,
    [property: Id(4)] string Reason,
    [property: Id(5)] string? IdempotencyKey = null);

[GenerateSerializer, Immutable, Alias("pitstop.PendingAwards")]
public sealed record PendingAwards([property: Id(0)] int Count, [property: Id(1)] long Points);

[GenerateSerializer, Immutable, Alias("pitstop.BudgetView")]
public sealed record BudgetView(
    [property: Id(0)] string DealershipId,
    [property: Id(1)] long Available,
    [property: Id(2)] long ToppedUpThisMonth,
    [property: Id(3)] long AutoToppedUpThisMonth,
    [property: Id(4)] long SpentThisMonth,
    [property: Id(5)] PendingAwards PendingAwards,
    [property: Id(6)] BudgetPolicy Policy,
    [property: Id(7)] IReadOnlyList<TopUpRecord> RecentTopUps,
    [property: Id(8)] long ToppedUpTotal,
    [property: Id(9)] long AwardedTotal);

/// <summary>The budget after a top-up, or that the pool could not cover it.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.TopUpOutcome")]
public sealed record TopUpOutcome([property: Id(0)] BudgetView Budget, [property: Id(1)] bool PoolShort);
