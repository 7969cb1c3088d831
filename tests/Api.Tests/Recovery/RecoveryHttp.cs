using System.Text.Json.Nodes;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Recovery;

/// <summary>What the recovery tests read through the API.</summary>
internal static class RecoveryHttp
{
    public static string IncidentPath(string incidentId) => $"/api/v1/incidents/{incidentId}";

    /// <summary>The incident once the engine has applied the events that make <paramref name="until"/> hold.</summary>
    public static Task<JsonObject> IncidentAsync(this HttpClient http, string incidentId, Func<JsonObject, bool> until) =>
        Eventually.HoldsAsync(() => http.GetObjectOrEmptyAsync(IncidentPath(incidentId)), i => i.ContainsKey("incidentId") && until(i));

    public static Task<JsonObject> RecoveredAsync(this HttpClient http, string incidentId) =>
        http.IncidentAsync(incidentId, i => i["status"]!.GetValue<string>() == "recovered");

    /// <summary>The notifications of the feed about one incident, oldest first.</summary>
    public static async Task<List<JsonObject>> NotificationsAboutAsync(this HttpClient http, string incidentId) =>
        [.. (await http.NotificationFeedAsync()).Where(n => n["data"]?["incidentId"]?.GetValue<string>() == incidentId)];

    /// <summary>Every page of <c>GET /api/v1/incidents?{query}</c>, following <c>next</c> until a page answers none.</summary>
    public static async Task<List<JsonArray>> IncidentPagesAsync(this HttpClient http, string query)
    {
        var pages = new List<JsonArray>();
        string? cursor = null;
        do
        {
            var page = await http.GetObjectAsync($"/api/v1/incidents?{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            pages.Add(page["incidents"]!.AsArray());
            cursor = page["next"]?.GetValue<string>();
            if (pages.Count > 1_000)
            {
                throw new Xunit.Sdk.XunitException($"GET /api/v1/incidents?{query} answered a next cursor on more than 1,000 pages");
            }
        }
        while (cursor is not null);

        return pages;
    }

    /// <summary>The incident ids of the pages, in order.</summary>
    public static List<string> IncidentIds(this IEnumerable<JsonArray> pages) => [.. pages.SelectMany(p => p).Select(i => i!["incidentId"]!.GetValue<string>())];

    /// <summary>What the desk's reminder does on its next tick (every minute, in real time).</summary>
    public static Task<int> ReviewDeskAsync(this TimeTravelEngine engine, string dealershipId) =>
        engine.Grains.GetGrain<IRecoveryDeskGrain>(dealershipId).ReviewAsync();
}
