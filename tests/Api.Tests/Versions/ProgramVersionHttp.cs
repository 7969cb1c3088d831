using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Api.Tests.Loyalty;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Versions;

/// <summary>
/// An engine of its own for each class that stores program versions (a version changes every later
/// event of the engine), its program clock an hour behind real time: a version must start at least
/// a minute ahead of the program clock, and the intake takes events up to minutes ahead of real time
/// only, so the tests place versions, pilots and events in that hour.
/// </summary>
public sealed class ProgramVersionEngine : TimeTravelEngine
{
    public ProgramVersionEngine()
        : base(DateTimeOffset.UtcNow.AddHours(-1))
    {
    }

    /// <summary>Program time <paramref name="minutes"/> from the engine's now.</summary>
    public DateTimeOffset In(double minutes) => Clock.GetUtcNow().AddMinutes(minutes);
}

/// <summary>What the program-version tests send and read.</summary>
internal static class ProgramVersionHttp
{
    public static string Rfc3339(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>The document in force now, changed by <paramref name="change"/>, as a version's body starting at <paramref name="effectiveFrom"/>.</summary>
    public static async Task<JsonObject> VersionBodyAsync(this HttpClient http, DateTimeOffset effectiveFrom, Action<JsonObject> change, JsonObject? pilot = null)
    {
        var body = await http.GetObjectAsync("/api/v1/program");
        change(body);
        body["effectiveFrom"] = Rfc3339(effectiveFrom);
        if (pilot is not null)
        {
            body["pilot"] = pilot;
        }

        return body;
    }

    public static async Task<JsonObject> PutVersionAsync(this HttpClient http, DateTimeOffset effectiveFrom, Action<JsonObject> change, JsonObject? pilot = null)
    {
        var response = await http.PutAsJsonAsync("/api/v1/program", await http.VersionBodyAsync(effectiveFrom, change, pilot));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>An accessory sale of <paramref name="amount"/> by <paramref name="customer"/>, occurring at <paramref name="at"/>.</summary>
    public static JsonObject AccessoryAt(this Traffic traffic, string id, decimal amount, int customer, DateTimeOffset at)
    {
        var sale = traffic.Accessory(id, amount, customer);
        sale["occurredAt"] = Rfc3339(at);
        return sale;
    }

    /// <summary>Posts events, all accepted.</summary>
    public static async Task AcceptedAsync(this Traffic traffic, params JsonNode[] events)
    {
        var response = await traffic.PostAsync(events);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        answer["accepted"]!.GetValue<int>().Should().Be(events.Length, answer.ToJsonString());
    }

    /// <summary>The explanation of the customer's one award entry, once the journal holds it.</summary>
    public static async Task<JsonObject> AwardExplanationAsync(this HttpClient http, Traffic traffic, int customer)
    {
        var ledger = await Eventually.HoldsAsync(
            () => http.GetObjectOrEmptyAsync(traffic.CustomerPath(customer) + "/ledger"),
            l => l["items"]?.AsArray().Any(i => i!["kind"]!.GetValue<string>() == "award") == true);
        return ledger["items"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "award")!["explanation"]!.AsObject();
    }

    /// <summary>The points a customer holds once they have applied one event.</summary>
    public static async Task<long> EarnedAsync(this HttpClient http, Traffic traffic, int customer) =>
        (await http.CustomerAfterAsync(traffic, 1, customer)).Available();
}
