namespace Pitstop.Api.OpenApi;

/// <summary>Examples of redemptions: placed by the member (or an admin), then fulfilled or cancelled.</summary>
internal static class RedemptionExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/customers/{id}/redemptions"] = new(201, """{"itemId":"MUG","quantity":1,"idempotencyKey":"mug-1"}""", Placed),
        ["POST /api/v1/staff/{id}/redemptions"] = new(201, """{"itemId":"CAP","quantity":1,"idempotencyKey":"cap-1"}""", StaffPlaced),
        ["GET /api/v1/customers/{id}/redemptions"] = new(200, null, $"[{Placed}]"),
        ["GET /api/v1/staff/{id}/redemptions"] = new(200, null, $"[{StaffPlaced}]"),
        ["POST /api/v1/redemptions/{id}/fulfil"] = new(200, null, Fulfilled),
        ["POST /api/v1/redemptions/{id}/cancel"] = new(200, null, Cancelled),
    };

    private const string Placed = """
        {"redemptionId":"RD~customer~C-1~mug-1","itemId":"MUG","quantity":1,"points":300,"status":"placed","placedAt":"2026-11-20T19:20:00+00:00"}
        """;

    private const string StaffPlaced = """
        {"redemptionId":"RD~staff~S-T1~cap-1","itemId":"CAP","quantity":1,"points":150,"status":"placed","placedAt":"2026-11-21T09:05:00+00:00"}
        """;

    private const string Fulfilled = """
        {"redemptionId":"RD~customer~C-1~mug-1","itemId":"MUG","quantity":1,"points":300,"status":"fulfilled","placedAt":"2026-11-20T19:20:00+00:00"}
        """;

    private const string Cancelled = """
        {"redemptionId":"RD~customer~C-1~mug-2","itemId":"MUG","quantity":1,"points":300,"status":"cancelled","placedAt":"2026-11-20T19:25:00+00:00"}
        """;
}
