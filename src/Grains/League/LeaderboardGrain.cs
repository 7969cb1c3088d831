using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.League;

/// <summary>
/// A leaderboard (see <see cref="ILeaderboardGrain"/>): the listing in memory with its last changes
/// for the API's replicas (<see cref="BoardChangeFeed"/>), each member's row in the
/// <see cref="ILeagueStore"/>. A change is shown only once stored: a board read just before a crash
/// never shows a score the restarted board lacks (the staff member that told it would tell it again
/// only when next activated). Reentrant: each change is applied to memory in one step after its
/// save, so every interleaving sees a consistent board; the store keeps the last score a member was
/// given (one staff member's changes arrive one after another, from its own grain).
/// </summary>
[Reentrant]
public sealed class LeaderboardGrain(ILeagueStore store) : Grain, ILeaderboardGrain
{
    private readonly BoardChangeFeed _board = new();

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var score in await store.LoadAsync(Key))
        {
            _board.Load(score);
        }
    }

    public async Task SetAsync(IReadOnlyList<LeagueScore> scores)
    {
        await store.SaveAsync(Key, scores);
        foreach (var score in scores)
        {
            _board.Set(score);
        }
    }

    public Task<LeaderboardChanges> ChangesSinceAsync(LeaderboardCursor since) => Task.FromResult(_board.ChangesSince(since));
}
