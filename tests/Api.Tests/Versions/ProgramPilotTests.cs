using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Versions;

/// <summary>A piloted version judges only its dealerships' and states' events, until its end; everyone else keeps the version for everyone.</summary>
public class ProgramPilotTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    private async Task<Traffic> DealershipAsync(string prefix, string state)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync(state);
        await traffic.FundBudgetAsync(100_000);
        return traffic;
    }

    [Fact]
    public async Task A_pilot_applies_to_its_dealerships_and_states_until_its_end()
    {
        var listed = await DealershipAsync("pvpilot-listed", "KA");
        var inState = await DealershipAsync("pvpilot-mh", "MH");
        var outside = await DealershipAsync("pvpilot-outside", "KA");
        var from = engine.In(7);
        var until = engine.In(20);
        var pilot = new JsonObject
        {
            ["dealerships"] = new JsonArray(listed.Dealership),
            ["states"] = new JsonArray("MH"),
            ["until"] = ProgramVersionHttp.Rfc3339(until),
        };

        var stored = await _http.PutVersionAsync(from, p => p["customerEarning"]!["accessoryShare"] = 0.10m, pilot);

        stored["pilot"]!["dealerships"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal(listed.Dealership);
        stored["pilot"]!["states"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("MH");
        var during = from.AddMinutes(5);
        await listed.AcceptedAsync(listed.AccessoryAt("during", 10_000m, 1, during), listed.AccessoryAt("ended", 10_000m, 2, until));
        await inState.AcceptedAsync(inState.AccessoryAt("during", 10_000m, 1, during));
        await outside.AcceptedAsync(outside.AccessoryAt("during", 10_000m, 1, during));

        (await _http.EarnedAsync(listed, 1)).Should().Be(1_000, "the dealership is the pilot's");
        (await _http.EarnedAsync(inState, 1)).Should().Be(1_000, "the dealership is in the pilot's state (by the directory)");
        (await _http.EarnedAsync(outside, 1)).Should().Be(500, "a dealership outside the pilot keeps the version for everyone");
        (await _http.EarnedAsync(listed, 2)).Should().Be(500, "from its end the pilot judges nothing");
        (await _http.GetObjectAsync($"/api/v1/program?at={Uri.EscapeDataString(ProgramVersionHttp.Rfc3339(during))}"))["customerEarning"]!["accessoryShare"]!
            .GetValue<decimal>().Should().Be(0.05m, "the document is the version for everyone");
        var inScope = await _http.GetAsync($"/api/v1/program?at={Uri.EscapeDataString(ProgramVersionHttp.Rfc3339(during))}&dealershipId={inState.Dealership}");
        JsonNode.Parse(await inScope.Content.ReadAsStringAsync())!["customerEarning"]!["accessoryShare"]!.GetValue<decimal>().Should().Be(0.10m);
        inScope.Headers.GetValues("X-Program-Version").Should().Equal(stored["version"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
