using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Pitstop.Silo.Hosting;

/// <summary>
/// Applies the project's SQL scripts (Schema/*.sql, embedded in this assembly) in name order. Every
/// script is idempotent, and an advisory lock keeps silos that start together from racing.
/// A silo restarted under load runs them beside the others' traffic, which takes its locks on
/// several tables in one statement (a grain state with its journal entries): a deadlock rolls the
/// migration back, and it is run again after a pause rather than ending the silo.
/// </summary>
public sealed class SchemaMigration(string connectionString) : IHostedService
{
    // Any fixed number: it names the lock that serializes migrations across processes.
    private const long LockKey = 0x5049_5453_544F_50;

    public async Task StartAsync(CancellationToken cancellationToken) => await ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private const int Attempts = 5;

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyOnceAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyList<string>> ApplyOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = new List<string>();
        foreach (var (name, sql) in Scripts())
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(name);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private static IEnumerable<(string Name, string Sql)> Scripts()
    {
        var assembly = typeof(SchemaMigration).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Schema.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name["Schema.".Length..], reader.ReadToEnd());
        }
    }
}
