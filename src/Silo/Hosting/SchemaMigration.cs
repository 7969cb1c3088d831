using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Pitstop.Silo.Hosting;

/// <summary>
/// Applies the project's SQL scripts (Schema/*.sql, embedded in this assembly) in name order. Every
/// script is idempotent, and an advisory lock keeps silos that start together from racing.
/// </summary>
public sealed class SchemaMigration(string connectionString) : IHostedService
{
    // Any fixed number: it names the lock that serializes migrations across processes.
    private const long LockKey = 0x5049_5453_544F_50;

    public async Task StartAsync(CancellationToken cancellationToken) => await ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken = default)
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
