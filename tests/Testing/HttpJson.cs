using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pitstop.Testing;

/// <summary>The JSON calls every HTTP test makes.</summary>
public static class HttpJson
{
    public static async Task<JsonObject> GetObjectAsync(this HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonObject>(path))!;

    /// <summary>
    /// The resource, or an empty object while it does not exist yet (a member no applied event has
    /// named) or the cluster is recovering (503): what a test polls with <see cref="Eventually"/>.
    /// </summary>
    public static async Task<JsonObject> GetObjectOrEmptyAsync(this HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())! : new JsonObject();
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient http, HttpMethod method, string path, object body) =>
        http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });

    /// <summary>A customer's spendable points once they exist, -1 before.</summary>
    public static async Task<long> AvailableAsync(this HttpClient http, string customerPath) =>
        (await http.GetObjectOrEmptyAsync(customerPath))["balance"]?["available"]?.GetValue<long>() ?? -1;

    /// <summary>The whole notification feed the client may read, oldest first, page by page.</summary>
    public static async Task<List<JsonObject>> NotificationFeedAsync(this HttpClient http)
    {
        var feed = new List<JsonObject>();
        var after = "0";
        while (true)
        {
            var page = await http.GetObjectAsync($"/api/v1/notifications?after={after}&limit=1000");
            var items = page["items"]!.AsArray();
            feed.AddRange(items.Select(n => n!.AsObject()));
            if (items.Count < 1000)
            {
                return feed;
            }

            after = page["next"]!.GetValue<string>();
        }
    }
}
