using System.Text.Json;
using Npgsql;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Silo.Postgres;

namespace Pitstop.Silo.Storage;

/// <summary>
/// The ledger journal in PostgreSQL (Schema/007; an entry's explanation, Schema/017; its indexes,
/// Schema/019). The entries of grains kept in <see cref="BatchedGrainStorage"/> are inserted by the
/// round that writes their state (<see cref="GrainStateTable"/>); those of the reference storage's
/// grains (the pool, dead letters) are appended here after their grain's write, and the appends
/// of a silo that arrive together share one statement and one commit (group commit).
/// </summary>
internal sealed class PostgresLedgerJournal : ILedgerJournal, IAsyncDisposable
{
    private const string Columns = "seq, id, at, kind, from_account, to_account, points, dealership_id, source_event_id, note, rule, rule_inputs::text, program_version, reverses";

    // A bounded pool: a burst of reads queues instead of taking the server's connections.
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<IReadOnlyList<LedgerEntry>, bool> _appends;

    public PostgresLedgerJournal(string connectionString)
    {
        _dataSource = BoundedDataSource.Create(connectionString, maxConnections: 16);
        _appends = new GroupCommit<IReadOnlyList<LedgerEntry>, bool>(AppendRoundAsync, maxBatch: 500, concurrency: 2);
    }

    public Task AppendAsync(IReadOnlyList<LedgerEntry> entries) =>
        entries.Count == 0 ? Task.CompletedTask : _appends.SubmitAsync(entries);

    // Entries are idempotent on their id, so an entry that two outboxes of one round carry (a
    // retry beside its original) is inserted once.
    private async Task<IReadOnlyList<bool>> AppendRoundAsync(IReadOnlyList<IReadOnlyList<LedgerEntry>> appends, CancellationToken cancellation)
    {
        await using var insert = _dataSource.CreateCommand(
            $"INSERT INTO pitstop_ledger_entry ({LedgerEntryRows.Columns}) SELECT {LedgerEntryRows.Values} FROM {LedgerEntryRows.Unnest} ORDER BY u.nth ON CONFLICT (id) DO NOTHING");
        LedgerEntryRows.AddTo(insert, [.. appends.SelectMany(a => a)]);
        await insert.ExecuteNonQueryAsync(cancellation);
        return [.. appends.Select(_ => true)];
    }

    // Through the cause index, which holds award entries only (Schema/019): the kind is a literal
    // here so that the planner can match it.
    internal const string AwardsCausedBySql =
        $"SELECT {Columns} FROM pitstop_ledger_entry WHERE source_event_id = @cause AND kind = 'award' AND from_account = @budget ORDER BY seq";

    public async Task<IReadOnlyList<LedgerEntry>> AwardsCausedByAsync(string budgetAccount, string cause)
    {
        await using var command = _dataSource.CreateCommand(AwardsCausedBySql);
        command.Parameters.Add(new NpgsqlParameter<string>("cause", cause));
        command.Parameters.Add(new NpgsqlParameter<string>("budget", budgetAccount));
        return await ReadEntriesAsync(command, 16);
    }

    public async Task<IReadOnlyList<RecentAward>> RecentAwardsAsync(string budgetAccount, int limit)
    {
        // Newest first along (from_account, seq), then turned around.
        await using var command = _dataSource.CreateCommand(
            "SELECT id, points FROM pitstop_ledger_entry WHERE from_account = @budget AND kind = 'award' ORDER BY seq DESC LIMIT @limit");
        command.Parameters.Add(new NpgsqlParameter<string>("budget", budgetAccount));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var awards = new List<RecentAward>(Math.Min(limit, 1_024));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            awards.Add(new RecentAward(reader.GetString(0), reader.GetInt64(1)));
        }

        awards.Reverse();
        return awards;
    }

    public async Task<IReadOnlyList<LedgerEntry>> ReadAsync(string account, long before, int limit)
    {
        // Two index range scans merged, rather than one OR that would scan the table.
        await using var command = _dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM (
                (SELECT {Columns} FROM pitstop_ledger_entry WHERE from_account = @account AND seq < @before ORDER BY seq DESC LIMIT @limit)
                UNION
                (SELECT {Columns} FROM pitstop_ledger_entry WHERE to_account = @account AND seq < @before ORDER BY seq DESC LIMIT @limit)
            ) page ORDER BY seq DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("account", account));
        command.Parameters.Add(new NpgsqlParameter<long>("before", before <= 0 ? long.MaxValue : before));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadEntriesAsync(command, limit);
    }

    public async Task<JournalTotals> TotalsAsync()
    {
        // A full scan: the audit is an occasional admin check, not a hot path.
        await using var command = _dataSource.CreateCommand(
            """
            SELECT split_part(account, ':', 1), sum(delta)::bigint FROM (
                SELECT from_account AS account, -points AS delta FROM pitstop_ledger_entry
                UNION ALL
                SELECT to_account, points FROM pitstop_ledger_entry
            ) moves GROUP BY 1
            """);
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            totals[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new JournalTotals(totals);
    }

    public async Task<IReadOnlyDictionary<string, CustomerPointsFlow>> CustomerFlowsAsync(IReadOnlyList<string> dealershipIds)
    {
        // The dashboard's loyalty panel, every few seconds at most: an index on (dealership, kind)
        // keeps it to the dealerships asked about.
        await using var command = _dataSource.CreateCommand(
            """
            SELECT dealership_id, kind, sum(points)::bigint FROM pitstop_ledger_entry
            WHERE dealership_id = ANY(@dealerships) AND kind IN ('award', 'reversal', 'redemption', 'refund')
              AND (from_account LIKE 'customer:%' OR to_account LIKE 'customer:%')
            GROUP BY dealership_id, kind
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("dealerships", [.. dealershipIds]));
        var flows = dealershipIds.Distinct(StringComparer.Ordinal).ToDictionary(d => d, _ => CustomerPointsFlow.None, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var dealership = reader.GetString(0);
            flows[dealership] = flows[dealership].Add(reader.GetString(1), reader.GetInt64(2));
        }

        return flows;
    }

    public async Task<IReadOnlyList<JournalDaySum>> DaySumsAsync(string account, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        // Each side through its account index; the days are the zone's (PostgreSQL knows IANA ids).
        await using var command = _dataSource.CreateCommand(
            """
            SELECT (at AT TIME ZONE @zone)::date AS day, kind, outgoing, sum(points)::bigint FROM (
                SELECT at, kind, true AS outgoing, points FROM pitstop_ledger_entry WHERE from_account = @account AND at >= @from AND at < @to
                UNION ALL
                SELECT at, kind, false, points FROM pitstop_ledger_entry WHERE to_account = @account AND at >= @from AND at < @to
            ) moves GROUP BY 1, 2, 3 ORDER BY 1
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("zone", zone.Id));
        command.Parameters.Add(new NpgsqlParameter<string>("account", account));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("from", from.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("to", to.UtcDateTime));
        var sums = new List<JournalDaySum>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sums.Add(new JournalDaySum(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt64(3)));
        }

        return sums;
    }

    public async Task<IReadOnlyList<string>> MembersCreditedAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT DISTINCT to_account FROM pitstop_ledger_entry
            WHERE at >= @from AND at < @to AND split_part(to_account, ':', 1) IN ('customer', 'staff')
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("from", from.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("to", to.UtcDateTime));
        var members = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            members.Add(reader.GetString(0));
        }

        return members;
    }

    private static async Task<IReadOnlyList<LedgerEntry>> ReadEntriesAsync(NpgsqlCommand command, int expected)
    {
        var entries = new List<LedgerEntry>(expected);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new LedgerEntry(
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetInt64(0),
                reader.IsDBNull(10) ? null : new EntryExplanation(
                    reader.GetString(10),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(11))!,
                    reader.GetInt32(12)),
                reader.IsDBNull(13) ? null : reader.GetString(13)));
        }

        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        await _appends.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
