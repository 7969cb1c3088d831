using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Loyalty;

/// <summary>What the loyalty tests read through the API.</summary>
internal static class CustomerHttp
{
    /// <summary>The customer once they have applied <paramref name="events"/> events: what they show then is all those events did.</summary>
    public static Task<JsonObject> CustomerAfterAsync(this HttpClient http, Traffic traffic, int events, int customer = 1) =>
        Eventually.HoldsAsync(
            () => http.GetObjectOrEmptyAsync(traffic.CustomerPath(customer)),
            c => c["eventsApplied"]?.GetValue<long>() >= events);

    public static long Available(this JsonObject customer) => customer["balance"]!["available"]!.GetValue<long>();

    public static string Tier(this JsonObject customer) => customer["tier"]!.GetValue<string>();

    /// <summary>The feed's notifications of a type about one customer, oldest first.</summary>
    public static async Task<List<JsonObject>> NotificationsAsync(this HttpClient http, string type, string customerId) =>
        [.. (await http.NotificationFeedAsync())
            .Where(n => n["type"]!.GetValue<string>() == type && n["data"]?["customerId"]?.GetValue<string>() == customerId)];
}
