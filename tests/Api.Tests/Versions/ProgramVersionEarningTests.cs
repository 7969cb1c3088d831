using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Versions;

/// <summary>A stored version changes earning from its <c>effectiveFrom</c>, and the program document of any instant shows the version then in force.</summary>
public class ProgramVersionEarningTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_version_changes_earning_from_its_effective_instant_and_not_before()
    {
        var traffic = new Traffic(_http, "pvearn");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        var from = engine.In(7);

        var stored = await _http.PutVersionAsync(from, p => p["customerEarning"]!["accessoryShare"] = 0.10m);

        stored["version"]!.GetValue<int>().Should().Be(2);
        await traffic.AcceptedAsync(
            traffic.AccessoryAt("before", 10_000m, 1, from.AddSeconds(-1)),
            traffic.AccessoryAt("from", 10_000m, 2, from),
            traffic.AccessoryAt("after", 10_000m, 3, from.AddMinutes(10)));
        (await _http.EarnedAsync(traffic, 1)).Should().Be(500, "5 % of 10,000: version 1 judges an event that occurred before version 2");
        (await _http.EarnedAsync(traffic, 2)).Should().Be(1_000, "10 % of 10,000: version 2 from its first instant");
        (await _http.EarnedAsync(traffic, 3)).Should().Be(1_000);
        var before = await _http.AwardExplanationAsync(traffic, 1);
        var after = await _http.AwardExplanationAsync(traffic, 2);
        before["rule"]!.GetValue<string>().Should().Be("accessory");
        before["programVersion"]!.GetValue<int>().Should().Be(1);
        before["inputs"]!["share"]!.GetValue<string>().Should().Be("0.05");
        after["programVersion"]!.GetValue<int>().Should().Be(2, "every entry names the version that made it");
        after["inputs"]!["share"]!.GetValue<string>().Should().Be("0.1");
        after["inputs"]!["amount"]!.GetValue<string>().Should().Be("10000.00");
        after["text"]!.GetValue<string>().Should().Be("accessory, tier silver ×1, version 2");
    }

    [Fact]
    public async Task A_staff_member_s_entry_names_its_rule_inputs_and_version()
    {
        var traffic = new Traffic(_http, "pvstaff");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        var visit = traffic.VisitCompleted("pvstaff-1");
        visit["occurredAt"] = ProgramVersionHttp.Rfc3339(engine.In(-5));

        await traffic.AcceptedAsync(visit);

        var ledger = await Eventually.HoldsAsync(
            () => _http.GetObjectOrEmptyAsync($"/api/v1/staff/{traffic.Staff("T")}/ledger"), l => l["items"]?.AsArray().Count > 0);
        var explanation = ledger["items"]![0]!["explanation"]!;
        explanation["rule"]!.GetValue<string>().Should().Be("visit.technician");
        explanation["inputs"]!["firstTimeFix"]!.GetValue<string>().Should().Be("true");
        explanation["inputs"]!["multiplier"]!.GetValue<string>().Should().Be("1.2");
        explanation["programVersion"]!.GetValue<int>().Should().Be(1, "the visit occurred before any later version");
        explanation["text"]!.GetValue<string>().Should().Be("visit, technician, version 1");
    }

}

/// <summary><c>GET /api/v1/program?at=</c> and <c>GET /api/v1/program/versions</c>: what was in force when, and every version stored.</summary>
public class ProgramVersionListTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task The_document_of_an_instant_is_the_version_then_in_force_and_the_list_shows_every_version()
    {
        var from = engine.In(8);
        await _http.PutVersionAsync(from, p => p["tiers"]!["goldPoints"] = 45_000);

        var before = await _http.GetAsync($"/api/v1/program?at={Uri.EscapeDataString(ProgramVersionHttp.Rfc3339(from.AddSeconds(-1)))}");
        var after = await _http.GetAsync($"/api/v1/program?at={Uri.EscapeDataString(ProgramVersionHttp.Rfc3339(from))}");
        var now = await _http.GetAsync("/api/v1/program");

        JsonNode.Parse(await before.Content.ReadAsStringAsync())!["tiers"]!["goldPoints"]!.GetValue<long>().Should().Be(50_000);
        JsonNode.Parse(await after.Content.ReadAsStringAsync())!["tiers"]!["goldPoints"]!.GetValue<long>().Should().Be(45_000);
        JsonNode.Parse(await now.Content.ReadAsStringAsync())!["tiers"]!["goldPoints"]!.GetValue<long>().Should().Be(50_000, "the version is not in force yet");
        before.Headers.GetValues("X-Program-Version").Should().Equal("1");
        now.Headers.GetValues("X-Program-Version").Should().Equal("1");
        var stored = after.Headers.GetValues("X-Program-Version").Single();
        var versions = (await _http.GetFromJsonAsync<JsonArray>("/api/v1/program/versions"))!;
        versions[0]!["version"]!.GetValue<int>().Should().Be(1);
        versions[0]!["createdBy"]!.GetValue<string>().Should().Be("configuration");
        versions[0]!["effectiveFrom"].Should().BeNull("version 1 is in force since the beginning of time");
        var mine = versions.Single(v => v!["version"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture) == stored)!;
        mine["effectiveFrom"]!.GetValue<DateTimeOffset>().Should().Be(from.AddTicks(-(from.Ticks % TimeSpan.TicksPerMillisecond)));
        mine["createdBy"]!.GetValue<string>().Should().Be("test-admin");
        mine["pilot"].Should().BeNull();
        (await _http.GetAsync("/api/v1/program?at=yesterday")).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }
}

/// <summary><c>GET /api/v1/program/versions/{version}</c>: any stored version's document, by its number.</summary>
public class ProgramVersionDocumentTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task One_version_s_document_is_served_by_its_number_and_an_unknown_number_is_not_found()
    {
        var stored = await _http.PutVersionAsync(engine.In(9), p => p["tiers"]!["platinumPoints"] = 160_000);
        var number = stored["version"]!.GetValue<int>();

        var first = await _http.GetAsync("/api/v1/program/versions/1");
        var mine = await _http.GetAsync($"/api/v1/program/versions/{number}");

        JsonNode.Parse(await first.Content.ReadAsStringAsync())!["tiers"]!["platinumPoints"]!.GetValue<long>().Should().Be(150_000);
        JsonNode.Parse(await mine.Content.ReadAsStringAsync())!["tiers"]!["platinumPoints"]!.GetValue<long>().Should().Be(160_000, "the version's own document, before it is in force");
        mine.Headers.GetValues("X-Program-Version").Should().Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ProblemChecks.ShouldBeProblemAsync(await _http.GetAsync("/api/v1/program/versions/99"), "GET an unknown version", System.Net.HttpStatusCode.NotFound, ownType: true, []);
        await ProblemChecks.ShouldBeProblemAsync(await _http.GetAsync("/api/v1/program/versions/two"), "GET a version by a word", System.Net.HttpStatusCode.BadRequest, ownType: true, ["version"]);
    }
}

/// <summary>An event that arrives after a version took effect, but occurred before it, is judged by the rules of its day.</summary>
public class LateEventVersionTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_late_event_earns_by_the_version_in_force_when_it_occurred()
    {
        var traffic = new Traffic(_http, "pvlate");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        var from = engine.In(7);
        await _http.PutVersionAsync(from, p => p["customerEarning"]!["accessoryShare"] = 0.10m);
        engine.Clock.Advance(TimeSpan.FromMinutes(10));

        await traffic.AcceptedAsync(
            traffic.AccessoryAt("late", 10_000m, 1, from.AddMinutes(-1)),
            traffic.AccessoryAt("today", 10_000m, 2, engine.In(-1)));

        (await _http.EarnedAsync(traffic, 1)).Should().Be(500, "it occurred under version 1, whenever it arrived");
        (await _http.EarnedAsync(traffic, 2)).Should().Be(1_000);
    }
}
