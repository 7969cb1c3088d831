using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.League;

namespace Pitstop.Grains.Staff;

/// <summary>The challenges the member's events are judged by, gathered before deciding so that the decider asks no one.</summary>
public sealed partial class StaffGrain
{
    /// <summary>
    /// The catalogue from the silo's copy (no call per batch: see <see cref="ChallengeCatalogCopy"/>)
    /// and, only while some challenge runs in a state, the states of the batch's dealerships — the
    /// member's own from state once known, and the one its router <paramref name="told"/>, so that a
    /// call is made only for an event of another dealership.
    /// </summary>
    private async Task<ChallengesInForce> ChallengesForAsync(IEnumerable<string> dealershipIds, KeyValuePair<string, string>? told)
    {
        var catalog = await _challenges.CurrentAsync();
        var states = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (ChallengesInForce.NeedStates(catalog.Challenges))
        {
            foreach (var dealershipId in dealershipIds.Distinct(StringComparer.Ordinal))
            {
                states[dealershipId] = told is { } router && router.Key == dealershipId
                    ? router.Value
                    : dealershipId == State.DealershipId && State.DealershipState is { } known
                        ? known
                        : await GrainFactory.Reference<IDealershipGrain>(dealershipId).ProfileAsync() is { } profile ? profile.State : null;
            }
        }

        return new ChallengesInForce(catalog.Challenges, states, _calendar);
    }
}
