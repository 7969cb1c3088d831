using System.Diagnostics;
using Npgsql;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the whole test run: the one the test command started
/// (<c>PITSTOP_TEST_POSTGRES</c>), or one started here with scripts/postgres.sh and removed after.
/// Each test class gets a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _ownedDirectory;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("PITSTOP_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            return;
        }

        _ownedDirectory = Directory.CreateTempSubdirectory("pitstop-pg-").FullName;
        ConnectionString = (await ScriptAsync("start", _ownedDirectory)).Trim();
    }

    public async Task DisposeAsync()
    {
        if (_ownedDirectory is not null)
        {
            await ScriptAsync("stop", _ownedDirectory);
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Runs scripts/postgres.sh <paramref name="verb"/> on <paramref name="directory"/>; answers its output (the connection string).</summary>
    internal static async Task<string> ScriptAsync(string verb, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "postgres.sh"), verb, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {verb} failed: {await errors}");
        }

        return await output;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
