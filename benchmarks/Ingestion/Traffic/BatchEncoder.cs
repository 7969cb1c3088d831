using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pitstop.Ingestion.Traffic;

/// <summary>
/// A request body of <c>POST /api/v1/events</c>, encoded once and sent as is to every target, with
/// the dealership of each of its events (to know how many each dealership view should show).
/// </summary>
public sealed record EncodedBatch(int Index, int EventCount, byte[] Body, string[] DealershipIds);

public static class BatchEncoder
{
    public static EncodedBatch Encode(int index, IReadOnlyList<GeneratedEvent> events, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Count * 700 + 32);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = indented,
            SkipValidation = !indented,
            // Plain "+05:30" rather than "\u002B05:30": what a DMS sends (both are valid JSON).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var e in events)
            {
                e.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new EncodedBatch(index, events.Count, buffer.WrittenSpan.ToArray(), events.Select(e => e.DealershipId).ToArray());
    }
}
