using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>The customer's tier as other grains hold it: the census counts it, the review day reviews it.</summary>
public sealed partial class CustomerGrain
{
    /// <summary>
    /// Tells the home dealership's census the tier, when it has not counted this one yet. The census
    /// calls no grain, so nothing can wait on this customer in turn.
    /// </summary>
    private async Task CountInCensusAsync()
    {
        if (HomeDealershipId is { } home && State.CensusTier != State.Tier)
        {
            await GrainFactory.Reference<ITierCensusGrain>(TierCensus.KeyOf(home, CustomerId)).CountAsync(CustomerId, State.Tier);
            State.CensusTier = State.Tier;
        }
    }

    /// <summary>
    /// A customer above Silver is enrolled for the review day of the year its review date falls on,
    /// with that day's slice for its id. The review grain is reentrant, so it takes the enrolment
    /// even while it waits on this customer's review. Enrolling twice changes nothing.
    /// </summary>
    private async Task EnrolForReviewAsync()
    {
        if (State.Tier == Tier.Silver || CustomerDecider.NextReview(State) is not { } reviewDate
            || State.ReviewDayEnrolled == TierReviewCalendar.DayKey(reviewDate))
        {
            return;
        }

        var dayKey = TierReviewCalendar.DayKey(reviewDate);
        await GrainFactory.Reference<ITierReviewGrain>(TierReviewCalendar.SliceKeyOf(dayKey, CustomerId)).EnrolAsync(CustomerId);
        State.ReviewDayEnrolled = dayKey;
    }

    public async Task<bool> ReviewTierAsync(DateOnly day)
    {
        if ((await ProgramNowAsync()).Customer.Review(State, CustomerId, day, Now) is not { } decision)
        {
            return false;
        }

        if (Take(decision))
        {
            await SaveAsync();
        }

        return State.Tier > Tier.Silver;
    }
}
