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
    public static async Task<List<JsonObject>> NotificationsAboutAsync(this HttpClient http, string incidentId)
    {
        var found = new List<JsonObject>();
        var after = "0";
        while (true)
        {
            var page = await http.GetObjectAsync($"/api/v1/notifications?after={after}&limit=1000");
            var items = page["items"]!.AsArray();
            found.AddRange(items.Select(n => n!.AsObject()).Where(n => n["data"]?["incidentId"]?.GetValue<string>() == incidentId));
            if (items.Count < 1000)
            {
                return found;
            }

            after = page["next"]!.GetValue<string>();
        }
    }

    /// <summary>What the desk's reminder does on its next tick (every minute, in real time).</summary>
    public static Task<int> ReviewDeskAsync(this TimeTravelEngine engine, string dealershipId) =>
        engine.Grains.GetGrain<IRecoveryDeskGrain>(dealershipId).ReviewAsync();
}
