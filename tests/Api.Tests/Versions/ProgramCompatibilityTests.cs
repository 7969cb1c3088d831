using System.Text.Json.Nodes;
using Pitstop.Grains.Interfaces.Configuration;

namespace Pitstop.Api.Tests.Versions;

/// <summary>
/// An API node of the release before program versions asks the cluster's program grain for
/// <c>GET /api/v1/program</c>: during a rolling upgrade it still gets the program in force.
/// </summary>
public class ProgramCompatibilityTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task The_program_grain_old_api_nodes_call_answers_the_version_in_force_now()
    {
        await _http.PutVersionAsync(engine.In(7), p => p["tiers"]!["goldPoints"] = 45_000);
        var oldNode = engine.Grains.GetGrain<IProgramGrain>(IProgramGrain.Key);

        var before = JsonNode.Parse(await oldNode.DocumentAsync())!;
        engine.Clock.Advance(TimeSpan.FromMinutes(10));
        var after = JsonNode.Parse(await oldNode.DocumentAsync())!;

        JsonNode.DeepEquals(before, JsonNode.Parse(await (await _http.GetAsync($"/api/v1/program?at={Uri.EscapeDataString(ProgramVersionHttp.Rfc3339(engine.In(-10)))}")).Content.ReadAsStringAsync()))
            .Should().BeTrue("the document GET /api/v1/program serves for the same instant");
        before["tiers"]!["goldPoints"]!.GetValue<long>().Should().Be(50_000, "version 2 was not in force yet");
        after["tiers"]!["goldPoints"]!.GetValue<long>().Should().Be(45_000);
        JsonNode.DeepEquals(after, JsonNode.Parse(await (await _http.GetAsync("/api/v1/program")).Content.ReadAsStringAsync())).Should().BeTrue();
    }
}
