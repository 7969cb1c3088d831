using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.League.Ranking;

namespace Pitstop.Grains.League;

/// <summary>
/// A leaderboard (see <see cref="ILeaderboardGrain"/>): the ranking in memory, each member's row
/// in the <see cref="ILeagueStore"/>. Reentrant: a change is applied to memory before the first
/// await, so every interleaving sees a consistent board; the store keeps the last score a member
/// was given (one staff member's changes arrive one after another, from its own grain).
/// </summary>
[Reentrant]
public sealed class LeaderboardGrain(ILeagueStore store) : Grain, ILeaderboardGrain
{
    private readonly ScoreBoard _board = new();
    private readonly Dictionary<string, (string DealershipId, string? Name)> _members = new(StringComparer.Ordinal);

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var score in await store.LoadAsync(Key))
        {
            Apply(score);
        }
    }

    public Task SetAsync(IReadOnlyList<LeagueScore> scores)
    {
        foreach (var score in scores)
        {
            Apply(score);
        }

        return store.SaveAsync(Key, scores);
    }

    public Task<LeaderboardPage> TopAsync(int top) => Task.FromResult(Page(_board.Top(top)));

    public Task<LeaderboardPage> AroundAsync(string staffId, int radius) => Task.FromResult(Page(_board.Around(staffId, radius)));

    public Task<LeaderboardEntry?> RankAsync(string staffId) =>
        Task.FromResult(_board.RankOf(staffId) is { } rank ? Entry(new RankedMember(rank, staffId, _board.ScoreOf(staffId)!.Value)) : null);

    private void Apply(LeagueScore score)
    {
        _board.Set(score.StaffId, score.Score);
        _members[score.StaffId] = (score.DealershipId, score.Name);
    }

    private LeaderboardPage Page(IReadOnlyList<RankedMember> members) => new(_board.Count, [.. members.Select(Entry)]);

    private LeaderboardEntry Entry(RankedMember member)
    {
        var (dealershipId, name) = _members[member.Member];
        return new LeaderboardEntry(member.Rank, member.Member, name, dealershipId, member.Score);
    }
}
