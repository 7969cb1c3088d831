using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pitstop.Rules.Tests.Intake;

/// <summary>Valid example events of events.md, to be bent into invalid ones by the tests.</summary>
internal static class EventJson
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(5.5));

    public static JsonObject Envelope(string type, JsonObject data, string id = "evt-1") => new()
    {
        ["id"] = id,
        ["source"] = "dms",
        ["type"] = type,
        ["occurredAt"] = "2026-11-21T09:00:00+05:30",
        ["dealershipId"] = "DLR-KA-001",
        ["data"] = data,
    };

    public static JsonObject VisitCompleted() => Envelope("service.visit.completed", new JsonObject
    {
        ["jobCardId"] = "JC-118-2026-004512",
        ["customerId"] = "C-0042117",
        ["vin"] = "W1K2060421F000001",
        ["vehicleClass"] = "mid",
        ["visitKind"] = "scheduled",
        ["advisorId"] = "S-118-A07",
        ["technicianIds"] = new JsonArray("S-118-T21", "S-118-T09"),
        ["promisedAt"] = "2026-11-20T17:00:00+05:30",
        ["deliveredAt"] = "2026-11-20T19:40:00+05:30",
        ["firstTimeFix"] = true,
        ["repeatRepair"] = false,
        ["jobCardAccurate"] = true,
        ["invoiceAmount"] = 18500.00m,
    });

    public static JsonElement ToElement(this JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
}
