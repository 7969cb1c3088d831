namespace Pitstop.Api.OpenApi;

/// <summary>Examples of the webhook routes: an integrator's subscription to Karnataka's budget and tier notifications.</summary>
internal static class WebhookExamples
{
    public static readonly Dictionary<string, RouteExample> Routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/webhooks"] = new(201, NewWebhook, Webhook(cursor: 18_204, paused: "false", failures: 0, nextAttemptAt: "null")),
        ["GET /api/v1/webhooks"] = new(200, null, $"[{Webhook(cursor: 18_230, paused: "false", failures: 0, nextAttemptAt: "null")}]"),
        ["GET /api/v1/webhooks/{id}"] = new(200, null, Webhook(cursor: 18_230, paused: "false", failures: 3, nextAttemptAt: "\"2026-11-20T11:15:04+00:00\"")),
        ["DELETE /api/v1/webhooks/{id}"] = new(200, null, Webhook(cursor: 18_230, paused: "false", failures: 0, nextAttemptAt: "null")),
        ["GET /api/v1/webhooks/{id}/deliveries"] = new(200, null, Deliveries),
        ["POST /api/v1/webhooks/{id}/pause"] = new(200, null, Webhook(cursor: 18_230, paused: "true", failures: 0, nextAttemptAt: "null")),
        ["POST /api/v1/webhooks/{id}/resume"] = new(200, null, Webhook(cursor: 18_230, paused: "false", failures: 0, nextAttemptAt: "null")),
        ["POST /api/v1/webhooks/{id}/replay"] = new(200, """{"after":18000}""", Webhook(cursor: 18_000, paused: "false", failures: 0, nextAttemptAt: "null")),
    };

    private const string NewWebhook = """
        {"url":"https://crm.example.com/pitstop/webhook","secret":"whsec-7f3c9a1e5b2d4f6a8c0e1b3d5f7a9c2e","types":["budget.top-up","tier.upgraded"],
         "states":["KA"]}
        """;

    private const string Deliveries = """
        [{"notificationId":"tier.upgraded:C-10442:gold:1795000000000","seq":18230,"type":"tier.upgraded","at":"2026-11-20T11:15:09+00:00",
          "delivered":true,"statusCode":204,"error":null,"attempt":4},
         {"notificationId":"tier.upgraded:C-10442:gold:1795000000000","seq":18230,"type":"tier.upgraded","at":"2026-11-20T11:15:00+00:00",
          "delivered":false,"statusCode":503,"error":"the receiver answered 503","attempt":3}]
        """;

    private static string Webhook(long cursor, string paused, int failures, string nextAttemptAt) => $$"""
        {"webhookId":"wh-4b1f0c2e9d8a4e7f9a6b3c1d2e5f7a8b","url":"https://crm.example.com/pitstop/webhook","types":["budget.top-up","tier.upgraded"],
         "dealerships":[],"states":["KA"],"secretHint":"…9c2e","createdAt":"2026-11-02T09:30:00+00:00","cursor":{{cursor}},"paused":{{paused}},
         "consecutiveFailures":{{failures}},"nextAttemptAt":{{nextAttemptAt}}}
        """;
}
