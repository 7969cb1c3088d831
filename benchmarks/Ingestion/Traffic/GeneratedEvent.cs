using System.Globalization;
using System.Text.Json;

namespace Pitstop.Ingestion.Traffic;

/// <summary>One event of the wire contract (events.md), ready to be written into a batch.</summary>
public sealed class GeneratedEvent
{
    public required string Id { get; init; }

    public required string Source { get; init; }

    public required string Type { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string DealershipId { get; init; }

    /// <summary>Writes the properties of <c>data</c> (the object itself is opened and closed by the caller).</summary>
    public required Action<Utf8JsonWriter> Data { get; init; }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("source", Source);
        writer.WriteString("type", Type);
        writer.WriteString("occurredAt", Wire.Time(OccurredAt));
        writer.WriteString("dealershipId", DealershipId);
        writer.WriteStartObject("data");
        Data(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

/// <summary>Wire formatting shared by the generator.</summary>
public static class Wire
{
    /// <summary>India Standard Time: every timestamp is written with a +05:30 offset, as Indian DMSs do.</summary>
    public static readonly TimeSpan Ist = TimeSpan.FromMinutes(330);

    /// <summary>RFC 3339 with offset, whole seconds: <c>2026-11-20T17:00:00+05:30</c>.</summary>
    public static string Time(DateTimeOffset t) =>
        t.ToOffset(Ist).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTimeOffset t) => writer.WriteString(name, Time(t));

    public static void WriteIds(this Utf8JsonWriter writer, string name, IEnumerable<string> ids)
    {
        writer.WriteStartArray(name);
        foreach (var id in ids)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
    }
}
