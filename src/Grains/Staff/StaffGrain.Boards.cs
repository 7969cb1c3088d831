using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Staff;

/// <summary>The member's leaderboards, told their month scores after each write.</summary>
public sealed partial class StaffGrain
{
    /// <summary>
    /// Gives the member's leaderboards the month scores they lack, after the write that holds them
    /// (<see cref="AfterWriteDispatch"/>): applying events never waits on the league. Scores are
    /// absolute, so the latest is the one to send; a month leaves <see cref="StaffState.BoardsBehind"/>
    /// only if its score did not change while it was sent, and then goes again.
    /// </summary>
    private void TellBoards()
    {
        if (State.Role is not { } role)
        {
            return;
        }

        _dispatch.Send(
            "leaderboards", [.. State.BoardsBehind.Select(month => (Month: month, Score: State.MonthScores.GetValueOrDefault(month)))],
            scores => SetScoresAsync(role, scores),
            sent =>
            {
                foreach (var (month, score) in sent.Where(s => State.MonthScores.GetValueOrDefault(s.Month) == s.Score))
                {
                    State.BoardsBehind.Remove(month);
                }

                TellBoards();
            });
    }

    private async Task SetScoresAsync(StaffRole role, IReadOnlyList<(string Month, long Score)> scores)
    {
        State.DealershipState ??= (await GrainFactory.Reference<IDealershipGrain>(State.DealershipId).GetAsync())?.Profile.State;
        await Task.WhenAll(scores.SelectMany(s => LeaderboardKey.ScopesOf(State.DealershipId, State.DealershipState).Select(scope =>
            GrainFactory.Reference<ILeaderboardGrain>(LeaderboardKey.Of(role, s.Month, scope)).SetAsync([new LeagueScore(StaffId, s.Score, State.DealershipId, State.Name)]))));
    }
}
