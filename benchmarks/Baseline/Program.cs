using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

// The baseline of the ingestion benchmark: the least a service can do and still promise what the
// engine promises at intake (durably stored before 202, idempotent on (source, id)). Parse the
// batch, one multi-row INSERT ... ON CONFLICT DO NOTHING, answer. No rules, no later stage.
var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Baseline")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Baseline to an Npgsql connection string.");
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();
var db = app.Services.GetRequiredService<NpgsqlDataSource>();
await using (var create = db.CreateCommand(Sql.CreateTable))
{
    await create.ExecuteNonQueryAsync();
}

app.MapGet("/health/ready", async (NpgsqlDataSource data, CancellationToken ct) =>
{
    await using var ping = data.CreateCommand("SELECT 1");
    await ping.ExecuteScalarAsync(ct);
    return Results.Text("Healthy");
});

// The least an ASP.NET Core route does on this machine (no middleware, no credential, no grain):
// the league benchmark measures it next to the API's routes as the ceiling of its HTTP figures.
app.MapGet("/ping", () => "PONG");

app.MapPost("/api/v1/events", async (HttpRequest request, NpgsqlDataSource data, CancellationToken ct) =>
{
    JsonDocument document;
    try
    {
        document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
    }
    catch (JsonException)
    {
        return Results.Problem("The body is not JSON.", statusCode: StatusCodes.Status400BadRequest);
    }

    using (document)
    {
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("events", out var events)
            || events.ValueKind != JsonValueKind.Array)
        {
            return Results.Problem("The body must be an object with an \"events\" array.", statusCode: StatusCodes.Status400BadRequest);
        }

        var count = events.GetArrayLength();
        if (count > 1000)
        {
            return Results.Problem("At most 1,000 events per batch.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var rows = new EventRows(count);
        var rejected = new List<Rejected>();
        var index = 0;
        foreach (var e in events.EnumerateArray())
        {
            if (rows.TryAdd(e) is { } error)
            {
                rejected.Add(new Rejected(index, e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                    new Dictionary<string, string[]> { [error.Field] = [error.Message] }));
            }

            index++;
        }

        var inserted = 0;
        if (rows.Count > 0)
        {
            await using var insert = data.CreateCommand(Sql.Insert);
            insert.Parameters.Add(new NpgsqlParameter<string[]>("sources", [.. rows.Sources]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. rows.Ids]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. rows.Types]));
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("occurred", [.. rows.OccurredAt]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter<string[]>("dealerships", [.. rows.Dealerships]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("data", [.. rows.Data]));
            inserted = await insert.ExecuteNonQueryAsync(ct);
        }

        return Results.Json(new Answer(inserted, rows.Count - inserted, rejected), statusCode: StatusCodes.Status202Accepted);
    }
});

await app.RunAsync();

internal sealed record Answer(int Accepted, int Duplicates, List<Rejected> Rejected);

internal sealed record Rejected(int Index, string? Id, Dictionary<string, string[]> Errors);

/// <summary>The columns of one batch's INSERT, filled event by event.</summary>
internal sealed class EventRows(int capacity)
{
    public List<string> Sources { get; } = new(capacity);

    public List<string> Ids { get; } = new(capacity);

    public List<string> Types { get; } = new(capacity);

    public List<DateTime> OccurredAt { get; } = new(capacity);

    public List<string> Dealerships { get; } = new(capacity);

    public List<string> Data { get; } = new(capacity);

    public int Count => Ids.Count;

    /// <summary>Adds the event, or says (field, message) why not: the envelope only, no per-type rules.</summary>
    public (string Field, string Message)? TryAdd(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return ("event", "must be a JSON object");
        }

        if (Text(e, "id") is not { Length: > 0 and <= 128 } id)
        {
            return ("id", "is required (1-128 characters)");
        }

        if (Text(e, "source") is not { Length: > 0 and <= 32 } source)
        {
            return ("source", "is required (1-32 characters)");
        }

        if (Text(e, "type") is not { Length: > 0 } type)
        {
            return ("type", "is required");
        }

        if (Text(e, "occurredAt") is not { } occurred
            || !DateTimeOffset.TryParse(occurred, CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredAt))
        {
            return ("occurredAt", "must be an RFC 3339 timestamp");
        }

        if (Text(e, "dealershipId") is not { Length: > 0 } dealership)
        {
            return ("dealershipId", "is required");
        }

        if (!e.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return ("data", "must be a JSON object");
        }

        Sources.Add(source);
        Ids.Add(id);
        Types.Add(type);
        OccurredAt.Add(occurredAt.UtcDateTime);
        Dealerships.Add(dealership);
        Data.Add(data.GetRawText());
        return null;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

internal static class Sql
{
    public const string CreateTable =
        """
        CREATE TABLE IF NOT EXISTS baseline_event (
            source        varchar(32)  NOT NULL,
            id            varchar(128) NOT NULL,
            type          varchar(64)  NOT NULL,
            occurred_at   timestamptz  NOT NULL,
            dealership_id varchar(128) NOT NULL,
            data          jsonb        NOT NULL,
            received_at   timestamptz  NOT NULL DEFAULT now(),
            PRIMARY KEY (source, id)
        )
        """;

    public const string Insert =
        """
        INSERT INTO baseline_event (source, id, type, occurred_at, dealership_id, data)
        SELECT * FROM unnest(@sources, @ids, @types, @occurred, @dealerships, @data::jsonb[])
        ON CONFLICT DO NOTHING
        """;
}
