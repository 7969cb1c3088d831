using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Staff;

/// <summary>The member's leaderboards, given their month scores through the outbox after each write.</summary>
public sealed partial class StaffGrain
{
    /// <summary>
    /// Gives each board of the member's dealership, state and nation the month scores
    /// (<see cref="BoardScoreDelivery"/>): applying events never waits on the league. Scores are
    /// absolute, so only the latest of a month is in the outbox.
    /// </summary>
    private async Task DeliverAsync(string target, IReadOnlyList<Delivery> deliveries)
    {
        if (State.Role is not { } role)
        {
            // Not a member of any board until an event names their role; the scores wait for it.
            throw new InvalidOperationException($"staff member {StaffId} has board scores but no role");
        }

        // Told by the router with the member's first events; asked only for a member its router could not tell.
        State.DealershipState ??= (await GrainFactory.Reference<IDealershipGrain>(State.DealershipId).ProfileAsync())?.State;
        var scopes = LeaderboardKey.ScopesOf(State.DealershipId, State.DealershipState);
        await Task.WhenAll(deliveries.Cast<BoardScoreDelivery>().SelectMany(s => scopes.Select(scope =>
            GrainFactory.Reference<ILeaderboardGrain>(LeaderboardKey.Of(role, s.Month, scope)).SetAsync([new LeagueScore(StaffId, s.Score, State.DealershipId, State.Name)]))));
    }
}
