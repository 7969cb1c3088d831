using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Api.Tests.Versions;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Simulation;

/// <summary>
/// A replay under the program in force follows the engine's versions: an event is judged by the
/// version of its <c>occurredAt</c> in the simulation as in the engine (an engine of its own, whose
/// archive holds these events alone).
/// </summary>
public class VersionedReplayTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task Events_on_both_sides_of_a_version_replay_as_the_engine_judged_them()
    {
        var traffic = new Traffic(_http, "pvsim");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        var from = engine.In(7);
        var inForce = await _http.GetObjectAsync("/api/v1/program");
        await _http.PutVersionAsync(from, p => p["customerEarning"]!["accessoryShare"] = 0.10m);
        await traffic.AcceptedAsync(
            traffic.AccessoryAt("before", 10_000m, 1, from.AddSeconds(-1)),
            traffic.AccessoryAt("after", 10_000m, 2, from.AddMinutes(1)));
        (await _http.EarnedAsync(traffic, 1)).Should().Be(500, "version 1 judged the first sale");
        (await _http.EarnedAsync(traffic, 2)).Should().Be(1_000, "version 2 judged the second");
        await Eventually.HoldsAsync(
            () => _http.GetObjectAsync($"/api/v1/admin/events?dealershipId={traffic.Dealership}"), page => page["items"]!.AsArray().Count == 2);

        var started = await _http.PostAsJsonAsync("/api/v1/program/simulations", new JsonObject
        {
            ["program"] = inForce,
            ["from"] = ProgramVersionHttp.Rfc3339(engine.In(-30)),
            ["to"] = ProgramVersionHttp.Rfc3339(engine.In(30)),
            ["dealerships"] = new JsonArray(traffic.Dealership),
        });
        started.StatusCode.Should().Be(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var done = await Eventually.HoldsAsync(
            () => _http.GetObjectAsync($"/api/v1/program/simulations/{id}"), s => s["state"]!.GetValue<string>() is not ("queued" or "running"), TimeSpan.FromMinutes(2));
        done["state"]!.GetValue<string>().Should().Be("completed", done["error"]?.ToString());

        foreach (var customer in new[] { 1, 2 })
        {
            var real = await _http.GetObjectAsync(traffic.CustomerPath(customer) + "/ledger");
            var replayed = await _http.GetObjectAsync($"/api/v1/program/simulations/{id}/ledger?member=customer:{traffic.Customer(customer)}&program=in-force");
            Lines(replayed).Should().Equal(Lines(real), "customer {0}'s ledger replays entry for entry, each entry under its version", customer);
        }

        var candidate = await _http.GetObjectAsync($"/api/v1/program/simulations/{id}/ledger?member=customer:{traffic.Customer(2)}&program=candidate");
        Lines(candidate).Where(l => l.Kind == "award").Select(l => l.Points).Should().Equal([500L], "the candidate (version 1's document) judges every event alone");
    }

    private static List<(string Id, string Kind, long Points, int? Version)> Lines(JsonObject ledger) =>
        [.. ledger["items"]!.AsArray().Select(l => (
            l!["id"]!.GetValue<string>(), l["kind"]!.GetValue<string>(), l["points"]!.GetValue<long>(), l["explanation"]?["programVersion"]?.GetValue<int>()))];
}
