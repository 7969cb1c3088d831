using System.Collections.Concurrent;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.League;

/// <summary>The league's scores in memory: the embedded mode, gone with the process like its silo.</summary>
public sealed class InMemoryLeagueStore : ILeagueStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, LeagueScore>> _boards = new(StringComparer.Ordinal);

    public Task SaveAsync(string board, IReadOnlyList<LeagueScore> scores)
    {
        var rows = _boards.GetOrAdd(board, _ => new ConcurrentDictionary<string, LeagueScore>(StringComparer.Ordinal));
        foreach (var score in scores)
        {
            rows[score.StaffId] = score;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LeagueScore>> LoadAsync(string board) =>
        Task.FromResult<IReadOnlyList<LeagueScore>>(_boards.TryGetValue(board, out var rows) ? [.. rows.Values] : []);
}
