using Npgsql;
using Orleans.Serialization;
using Pitstop.Grains.Archive;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Silo.Postgres;

namespace Pitstop.Silo.Archive;

/// <summary>
/// The event archive in PostgreSQL (Schema/018). Every dealership's router appends a chunk before
/// acknowledging it; the appends of a silo that arrive together share one statement and one commit
/// (group commit), as the journal's do.
/// </summary>
internal sealed class PostgresEventArchive : IEventArchive, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<IReadOnlyList<ArchivedEvent>, bool> _appends;
    private readonly Serializer _serializer;

    public PostgresEventArchive(string connectionString, Serializer serializer)
    {
        _serializer = serializer;
        _dataSource = BoundedDataSource.Create(connectionString, maxConnections: 8);
        _appends = new GroupCommit<IReadOnlyList<ArchivedEvent>, bool>(AppendRoundAsync, maxBatch: 64, concurrency: 2);
    }

    public Task AppendAsync(IReadOnlyList<ArchivedEvent> events) =>
        events.Count == 0 ? Task.CompletedTask : _appends.SubmitAsync(events);

    // Rows are numbered in the order the round lists them, so that each router's chunk keeps its
    // stream order; an event two appends of one round carry (a retry beside its original) is kept once.
    private async Task<IReadOnlyList<bool>> AppendRoundAsync(IReadOnlyList<IReadOnlyList<ArchivedEvent>> appends, CancellationToken cancellation)
    {
        var events = appends.SelectMany(a => a).ToList();
        await using var insert = _dataSource.CreateCommand(
            """
            INSERT INTO pitstop_event_archive (source, id, dealership_id, occurred_at, applied_at, payload)
            SELECT source, id, dealership_id, occurred_at, applied_at, payload
            FROM unnest(@sources, @ids, @dealerships, @occurred, @applied, @payloads) WITH ORDINALITY
                AS e(source, id, dealership_id, occurred_at, applied_at, payload, n)
            ORDER BY n
            ON CONFLICT (source, id) DO NOTHING
            """);
        insert.Parameters.Add(new NpgsqlParameter<string[]>("sources", [.. events.Select(e => e.Event.Source)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. events.Select(e => e.Event.Id)]));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("dealerships", [.. events.Select(e => e.Event.DealershipId)]));
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("occurred", [.. events.Select(e => e.Event.OccurredAt.UtcDateTime)]));
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("applied", [.. events.Select(e => e.AppliedAt.UtcDateTime)]));
        insert.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", [.. events.Select(e => _serializer.SerializeToArray(e.Event))]));
        await insert.ExecuteNonQueryAsync(cancellation);
        return [.. appends.Select(_ => true)];
    }

    public async Task<IReadOnlyList<ArchivedEvent>> ReadAsync(ArchiveQuery query)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT seq, applied_at, payload FROM pitstop_event_archive
            WHERE seq > @after AND occurred_at >= @from AND occurred_at < @to
              AND (@dealership::text IS NULL OR dealership_id = @dealership)
            ORDER BY seq LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<long>("after", query.After));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("from", query.From.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("to", query.To.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter("dealership", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)query.DealershipId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", query.Limit));
        var page = new List<ArchivedEvent>(Math.Min(query.Limit, 1_024));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            page.Add(new ArchivedEvent(
                reader.GetInt64(0),
                _serializer.Deserialize<DmsEvent>(reader.GetFieldValue<byte[]>(2))!,
                new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero)));
        }

        return page;
    }

    public async Task<long> TrimAsync(DateTimeOffset occurredBefore)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM pitstop_event_archive WHERE occurred_at < @before");
        command.Parameters.Add(new NpgsqlParameter<DateTime>("before", occurredBefore.UtcDateTime));
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _appends.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
