using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Versions;

namespace Pitstop.Grains.Loyalty;

/// <summary>What the customer shows (api.md's customer view).</summary>
public sealed partial class CustomerGrain
{
    private static readonly TimeSpan ExpiringSoon = TimeSpan.FromDays(90);

    public async Task<CustomerView?> GetAsync() => _events.Exists ? View(await ProgramNowAsync()) : null;

    private CustomerView View(ProgramInForce program)
    {
        var tiers = program.Tiers;
        var qualifying = State.Qualifying.Since(tiers.WindowStart(Now));
        var progress = tiers.Progress(State.Tier, qualifying);
        return new CustomerView(
            CustomerId, State.Tier, State.Wallet.ToBalance(), State.HomeDealershipId, State.EventsApplied,
            [.. _wallet.ExpiringWithin(ExpiringSoon).Select(l => new ExpiringPoints(l.Points, l.ExpiresAt))], State.Profile,
            new TierProgress(qualifying, TierRules.ForVehicle(State.Contracts.BestClass), tiers.ForPoints(qualifying), progress?.Next, progress?.Needed),
            [.. State.Contracts.ByVin.Values.OrderBy(c => c.SignedAt).Select(c => c.ToView())],
            [.. State.Prompts.Open.Where(p => p.RaisedAt + program.Customer.PromptLifetime > Now)],
            NextReviewOn(),
            program.Earning.IsLongTerm(State.Contracts.FirstSignedAt, Now));
    }

    /// <summary>The date of the next review, for the view: after the last one (or the enrolment day), not before today.</summary>
    private DateOnly? NextReviewOn()
    {
        if (CustomerDecider.NextReview(State) is not { } reviewDate)
        {
            return null;
        }

        var today = _calendar.DayOf(Now);
        var after = (State.LastReviewedOn ?? State.EnrolledOn)?.AddDays(1) ?? today;
        return TierReviewCalendar.NextOn(reviewDate, after > today ? after : today);
    }
}
