using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.League;

/// <summary>
/// Where leaderboards keep their scores: one row per board and member, so a change writes one row,
/// not the board. A board reloads its rows when it activates (after a restart).
/// </summary>
public interface ILeagueStore
{
    /// <summary>Stores members' scores on a board; a member's later score replaces an earlier one.</summary>
    Task SaveAsync(string board, IReadOnlyList<LeagueScore> scores);

    Task<IReadOnlyList<LeagueScore>> LoadAsync(string board);
}
