using Npgsql;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.BudgetHotPath.Targets;

/// <summary>
/// The least a durable top-up could cost: one autocommitted <c>UPDATE … SET balance = balance + @points</c>
/// of a single row, on the same server with synchronous commit on, from this process's Npgsql pool.
/// </summary>
internal sealed class RawUpdateTarget(NpgsqlDataSource dataSource) : IAwardTarget
{
    public string Name => "raw single-row UPDATE (baseline)";

    public string Storage => "PostgreSQL";

    public string Description =>
        "baseline: one autocommitted single-row UPDATE of a balance per call (table bench_raw_balance), durable before the answer: " +
        "the floor of any durable top-up on this server";

    public async Task PrepareAsync(long points)
    {
        await using var command = dataSource.CreateCommand(
            "DROP TABLE IF EXISTS bench_raw_balance; CREATE TABLE bench_raw_balance (id int PRIMARY KEY, balance bigint NOT NULL); " +
            "INSERT INTO bench_raw_balance VALUES (1, 0)");
        await command.ExecuteNonQueryAsync();
    }

    public async Task<bool> AwardAsync(AwardRequest award)
    {
        await using var command = dataSource.CreateCommand("UPDATE bench_raw_balance SET balance = balance + @points WHERE id = 1");
        command.Parameters.Add(new NpgsqlParameter<long>("points", award.Points));
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public Task<long?> StateWritesAsync() => Task.FromResult<long?>(null);

    public async Task<IReadOnlyList<string>> VerifyAsync(long awards, long points)
    {
        await using var command = dataSource.CreateCommand("SELECT balance FROM bench_raw_balance WHERE id = 1");
        var balance = (long)(await command.ExecuteScalarAsync() ?? 0L);
        return balance == points ? [] : [$"raw UPDATE: the balance is {balance} after {awards} updates of {points} in all"];
    }
}
