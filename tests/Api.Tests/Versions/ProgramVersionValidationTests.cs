using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pitstop.Api.Tests.Versions;

/// <summary>A version is checked as a whole, like the configuration at start-up, and refused with field errors; nothing is stored.</summary>
public class ProgramVersionValidationTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    private async Task RefusedAsync(JsonObject body, params string[] fields)
    {
        var response = await _http.PutAsJsonAsync("/api/v1/program", body);
        await ProblemChecks.ShouldBeProblemAsync(response, "PUT /api/v1/program", HttpStatusCode.BadRequest, ownType: true, fields);
        (await _http.GetFromJsonAsync<JsonArray>("/api/v1/program/versions"))!.Should().HaveCount(1, "a refused version is not stored");
    }

    [Fact]
    public async Task Settings_out_of_range_are_named_by_their_path()
    {
        var body = await _http.VersionBodyAsync(engine.In(10), p =>
        {
            p["customerEarning"]!["scheduledVisit"] = -1;
            p["tiers"]!["platinumPoints"] = p["tiers"]!["goldPoints"]!.GetValue<long>();
            p["league"]!["badges"]!["pitstop-pro"]!["count"] = -3;
        });

        await RefusedAsync(body, "customerEarning.scheduledVisit", "tiers.platinumPoints", "league.badges.pitstop-pro.count");
    }

    [Fact]
    public async Task A_version_is_the_whole_program_with_no_unknown_or_mistyped_setting()
    {
        var incomplete = await _http.VersionBodyAsync(engine.In(10), p =>
        {
            p["tiers"]!.AsObject().Remove("goldPoints");
            p["customerEarning"]!["visitPoints"] = 600;
        });
        await RefusedAsync(incomplete, "tiers.goldPoints", "customerEarning.visitPoints");

        var mistyped = await _http.VersionBodyAsync(engine.In(10), p => p["customerEarning"]!["accessoryShare"] = "lots");
        await RefusedAsync(mistyped, "customerEarning.accessoryShare");
    }

    [Fact]
    public async Task A_version_starts_ahead_of_the_program_clock_and_leaves_the_deployment_settings_alone()
    {
        var unstarted = await _http.VersionBodyAsync(engine.In(10), p => p["timeZone"] = "Europe/London");
        unstarted.Remove("effectiveFrom");
        await RefusedAsync(unstarted, "effectiveFrom", "timeZone");

        await RefusedAsync(await _http.VersionBodyAsync(engine.In(0), _ => { }), "effectiveFrom");
        await RefusedAsync(await _http.VersionBodyAsync(engine.In(10), p => p["budgets"]!["threshold"] = 1), "budgets");
    }

    [Fact]
    public async Task A_pilot_names_registered_dealerships_or_states_and_ends_after_it_starts()
    {
        await RefusedAsync(await _http.VersionBodyAsync(engine.In(10), _ => { }, new JsonObject()), "pilot", "pilot.until");

        var from = engine.In(10);
        var wrong = new JsonObject
        {
            ["dealerships"] = new JsonArray("DLR-never-registered"),
            ["states"] = new JsonArray("ZZ"),
            ["until"] = ProgramVersionHttp.Rfc3339(from.AddMinutes(-1)),
        };
        await RefusedAsync(await _http.VersionBodyAsync(from, _ => { }, wrong), "pilot.dealerships[0]", "pilot.states[0]", "pilot.until");
    }
}
