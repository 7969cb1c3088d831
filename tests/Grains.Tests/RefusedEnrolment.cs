using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

/// <summary>
/// Makes review days refuse one customer's enrolment, as a silo that lost the day would: tests see
/// what a customer does when it cannot enrol. Keyed on the customer, not the day, so that no other
/// test's customer (whose review day is the day it runs) is ever refused.
/// </summary>
public sealed class RefusedEnrolment : IIncomingGrainCallFilter
{
    public const string CustomerId = "C-unenrolled";

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.TargetContext.GrainInstance is ITierReviewGrain
            && context.ImplementationMethod.Name == nameof(ITierReviewGrain.EnrolAsync)
            && context.Request.GetArgument(0) is CustomerId
            ? throw new InvalidOperationException($"the review day refuses {CustomerId} in this test")
            : context.Invoke();
}
