using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>A dealership's recognition feed: its staff's challenges, badges and spot awards, newest first, by name, within scope.</summary>
[Collection(LeagueCollection.Name)]
public class RecognitionTests(LeagueEngine engine)
{
    private readonly HttpClient _admin = engine.CreateClient();

    [Fact]
    public async Task A_completed_challenge_a_badge_and_a_spot_award_appear_in_the_dealerships_feed_newest_first_and_in_no_other()
    {
        var traffic = new Traffic(_admin, "recog");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        var technician = traffic.Staff("T");
        (await _admin.PutAsJsonAsync($"/api/v1/staff/{technician}", new { name = "Ravi Kumar", role = "technician", dealershipId = traffic.Dealership })).EnsureSuccessStatusCode();
        var other = new Traffic(_admin, "recog-other");
        await other.RegisterDealershipAsync();

        // Ten on-time, first-time-fixed visits: the challenge (4 on time) and pitstop-pro (10 first-time fixes).
        (await traffic.PostAsync([.. Enumerable.Range(1, 10).Select(i => (JsonNode)traffic.VisitCompleted($"recog-{i}"))])).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _admin.GetObjectOrEmptyAsync($"/api/v1/staff/{technician}"), s => s["badges"]?.AsArray().Count == 1);
        (await _admin.PostAsJsonAsync($"/api/v1/staff/{technician}/spot-awards", new { points = 50, reason = "Stayed late for a breakdown", idempotencyKey = "recog-spot" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var feed = await Eventually.HoldsAsync(
            () => _admin.GetObjectAsync($"/api/v1/dealerships/{traffic.Dealership}/recognition"), f => f["items"]!.AsArray().Count(i => i!["staffId"]!.GetValue<string>() == technician) == 3);
        var mine = feed["items"]!.AsArray().Where(i => i!["staffId"]!.GetValue<string>() == technician).Select(i => i!.AsObject()).ToList();
        mine[0]["kind"]!.GetValue<string>().Should().Be("spot-award", "the spot award came last");
        mine[0]["title"]!.GetValue<string>().Should().Be("Stayed late for a breakdown");
        mine[0]["points"]!.GetValue<long>().Should().Be(50);
        mine.Select(i => i["kind"]!.GetValue<string>()).Should().BeEquivalentTo(["spot-award", "badge", "challenge"]);
        mine.Single(i => i["kind"]!.GetValue<string>() == "badge")["title"]!.GetValue<string>().Should().Be("pitstop-pro");
        var challenge = mine.Single(i => i["kind"]!.GetValue<string>() == "challenge");
        challenge["title"]!.GetValue<string>().Should().Be("Four on-time deliveries this month");
        challenge["points"]!.GetValue<long>().Should().Be(300);
        mine.Should().OnlyContain(i => i["name"]!.GetValue<string>() == "Ravi Kumar");

        (await _admin.GetObjectAsync($"/api/v1/dealerships/{other.Dealership}/recognition"))["items"]!.AsArray().Should().BeEmpty();
        (await _admin.GetObjectAsync($"/api/v1/dealerships/{traffic.Dealership}/recognition?limit=1"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task The_feed_is_refused_outside_the_callers_scope_and_a_bad_limit_is_named()
    {
        var traffic = new Traffic(_admin, "recog-scope");
        await traffic.RegisterDealershipAsync();
        var elsewhere = engine.CreateAnonymousClient();
        elsewhere.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthorizationTests.Token("recog-head", "service-head", TestCredentials.JwtSigningKey, ["DLR-somewhere-else"]));

        (await elsewhere.GetAsync($"/api/v1/dealerships/{traffic.Dealership}/recognition")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var bad = await _admin.GetAsync($"/api/v1/dealerships/{traffic.Dealership}/recognition?limit=0");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["limit"].Should().NotBeNull();
    }
}
