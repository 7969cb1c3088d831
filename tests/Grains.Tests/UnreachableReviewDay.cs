using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

/// <summary>
/// Makes one review day refuse enrolments, as a silo that lost it would: tests see what a customer
/// does when it cannot enrol. Every other grain and day behaves as usual.
/// </summary>
public sealed class UnreachableReviewDay : IIncomingGrainCallFilter
{
    public const string DayKey = "07-04";

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.TargetContext.GrainInstance is ITierReviewGrain && context.TargetId.Key.ToString() == DayKey
            && context.ImplementationMethod.Name == nameof(ITierReviewGrain.EnrolAsync)
            ? throw new InvalidOperationException($"review day {DayKey} is unreachable in this test")
            : context.Invoke();
}
