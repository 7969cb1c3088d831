using Npgsql;

namespace Pitstop.Ingestion.Cost;

/// <summary>Rows written so far by table (<c>pg_stat_user_tables</c>) and the WAL position, of one PostgreSQL database.</summary>
public sealed class PostgresCounters(string connectionString)
{
    /// <summary>
    /// How long a PostgreSQL 15 backend may keep its table counters before reporting them: at most
    /// a second apart while busy, and within 10 s (PGSTAT_IDLE_INTERVAL) once idle. Reading the
    /// counters this long after the writes stopped sees all of them.
    /// </summary>
    public static readonly TimeSpan StatsSettle = TimeSpan.FromSeconds(11);

    public async Task<WalPosition> WalAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return new WalPosition(reader.GetString(0), reader.GetInt64(1));
    }

    public async Task<Dictionary<string, TableRows>> TablesAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = new NpgsqlCommand("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var tables = new Dictionary<string, TableRows>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellation))
        {
            tables[reader.GetString(0)] = new TableRows(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return tables;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellation)
    {
        // Unpooled: one short connection per reading, so the driver keeps no backend of its own open.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellation);
        return connection;
    }
}

/// <summary>A WAL position: as PostgreSQL writes it (for pg_waldump) and in bytes from the start.</summary>
public sealed record WalPosition(string Lsn, long Bytes);

/// <summary>Rows inserted, updated and deleted in one table.</summary>
public sealed record TableRows(long Inserted, long Updated, long Deleted)
{
    public TableRows Minus(TableRows before) => new(Inserted - before.Inserted, Updated - before.Updated, Deleted - before.Deleted);

    public long Total => Inserted + Updated + Deleted;
}
