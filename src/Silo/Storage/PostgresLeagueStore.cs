using Npgsql;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.League;
using Pitstop.Silo.Postgres;

namespace Pitstop.Silo.Storage;

/// <summary>
/// The league's scores in PostgreSQL (Schema/008). Score changes of every board share round trips
/// (group commit): a busy national board gets a change for nearly every visit.
/// </summary>
internal sealed class PostgresLeagueStore : ILeagueStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<(string Board, LeagueScore Score), bool> _writes;

    // Boards load their rows when they activate, and hundreds activate at once when traffic starts
    // (three roles at every dealership, state and the nation): a small pool of its own makes them
    // queue for connections instead of taking the server's from every other store.
    private const int MaxConnections = 4;

    public PostgresLeagueStore(string connectionString)
    {
        _dataSource = BoundedDataSource.Create(connectionString, MaxConnections);
        // One round trip at a time, so a member's later score is never overtaken by an earlier one.
        _writes = new GroupCommit<(string, LeagueScore), bool>(UpsertAsync, maxBatch: 1_000);
    }

    public Task SaveAsync(string board, IReadOnlyList<LeagueScore> scores) =>
        Task.WhenAll(scores.Select(s => _writes.SubmitAsync((board, s))));

    public async Task<IReadOnlyList<LeagueScore>> LoadAsync(string board)
    {
        await using var command = _dataSource.CreateCommand("SELECT staff_id, score, dealership_id, name FROM pitstop_league_score WHERE board = @board");
        command.Parameters.Add(new NpgsqlParameter<string>("board", board));
        var scores = new List<LeagueScore>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            scores.Add(new LeagueScore(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return scores;
    }

    private async Task<IReadOnlyList<bool>> UpsertAsync(IReadOnlyList<(string Board, LeagueScore Score)> batch, CancellationToken cancellation)
    {
        // One statement cannot update a row twice: the last change of a member in the batch wins.
        var rows = batch.Select((r, i) => (r.Board, r.Score, i)).GroupBy(r => (r.Board, r.Score.StaffId)).Select(g => g.MaxBy(r => r.i)).ToList();
        await using var upsert = _dataSource.CreateCommand(
            """
            INSERT INTO pitstop_league_score (board, staff_id, score, dealership_id, name)
            SELECT * FROM unnest(@boards, @staff, @scores, @dealerships, @names)
            ON CONFLICT (board, staff_id) DO UPDATE SET score = excluded.score, dealership_id = excluded.dealership_id, name = excluded.name
            """);
        upsert.Parameters.Add(new NpgsqlParameter<string[]>("boards", [.. rows.Select(r => r.Board)]));
        upsert.Parameters.Add(new NpgsqlParameter<string[]>("staff", [.. rows.Select(r => r.Score.StaffId)]));
        upsert.Parameters.Add(new NpgsqlParameter<long[]>("scores", [.. rows.Select(r => r.Score.Score)]));
        upsert.Parameters.Add(new NpgsqlParameter<string[]>("dealerships", [.. rows.Select(r => r.Score.DealershipId)]));
        upsert.Parameters.Add(new NpgsqlParameter<string?[]>("names", [.. rows.Select(r => PostgresText.OfNullable(r.Score.Name))]));
        await upsert.ExecuteNonQueryAsync(cancellation);
        return [.. batch.Select(_ => true)];
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
