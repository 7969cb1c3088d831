using Npgsql;

namespace Pitstop.Silo.Postgres;

/// <summary>
/// A data source with a pool of its own, no larger than a store needs. Each store has its own pool,
/// and Npgsql's default (100 a pool) adds up past the server's connection limit when every store is
/// busy at once (budgets journalling funded awards, boards loading, reminders ticking): a store over
/// its share then waits for one of its own connections instead of refusing the others theirs.
/// </summary>
internal static class BoundedDataSource
{
    public static NpgsqlDataSource Create(string connectionString, int maxConnections) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxConnections }.ConnectionString);
}
