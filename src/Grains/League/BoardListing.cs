using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.League.Ranking;

namespace Pitstop.Grains.League;

/// <summary>
/// A leaderboard's members as the API lists them: the ranking (<see cref="ScoreBoard"/>) and what a
/// listing shows of each member. Held by the board's grain and by the API's replicas of it
/// (the API's <c>BoardReplica</c>), so both answer a query alike. Not thread-safe.
/// </summary>
public sealed class BoardListing
{
    private readonly ScoreBoard _board = new();
    private readonly Dictionary<string, (string DealershipId, string? Name)> _members = new(StringComparer.Ordinal);

    public int Count => _board.Count;

    public void Set(LeagueScore score)
    {
        _board.Set(score.StaffId, score.Score);
        _members[score.StaffId] = (score.DealershipId, score.Name);
    }

    /// <summary>The member's current score and listing details; null when they are not on the board.</summary>
    public LeagueScore? ScoreOf(string staffId) => _board.ScoreOf(staffId) is { } score ? Score(staffId, score) : null;

    /// <summary>Every member's score, for a replica that starts from nothing.</summary>
    public IReadOnlyList<LeagueScore> Snapshot() => [.. _board.All().Select(m => Score(m.Member, m.Score))];

    public LeaderboardPage Top(int top) => Page(_board.Top(top));

    public LeaderboardPage Around(string staffId, int radius) => Page(_board.Around(staffId, radius));

    public LeaderboardEntry? Rank(string staffId) =>
        _board.RankOf(staffId) is { } rank ? Entry(new RankedMember(rank, staffId, _board.ScoreOf(staffId)!.Value)) : null;

    private LeagueScore Score(string staffId, long score)
    {
        var (dealershipId, name) = _members[staffId];
        return new LeagueScore(staffId, score, dealershipId, name);
    }

    private LeaderboardPage Page(IReadOnlyList<RankedMember> members) => new(_board.Count, [.. members.Select(Entry)]);

    private LeaderboardEntry Entry(RankedMember member)
    {
        var (dealershipId, name) = _members[member.Member];
        return new LeaderboardEntry(member.Rank, member.Member, name, dealershipId, member.Score);
    }
}
