using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>Spot awards: a workshop manager's points for their own staff, within the month's allowance, counted in the league.</summary>
[Collection(LeagueCollection.Name)]
public class SpotAwardTests(LeagueEngine engine)
{
    private readonly HttpClient _admin = engine.CreateClient();

    private readonly HttpClient _manager = engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey);

    // The workshop manager's dealership (TestCredentials), with two technicians who earned KPI points.
    private async Task<Traffic> ManagedDealershipAsync()
    {
        var traffic = new Traffic(_admin, "authz");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(traffic.VisitCompleted("spot-visit-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _admin.GetObjectOrEmptyAsync($"/api/v1/staff/{traffic.Staff("T", 2)}"), s => s["score"]?.GetValue<long>() == 192);
        return traffic;
    }

    private static Task<HttpResponseMessage> GiveAsync(HttpClient client, string staffId, object body) =>
        client.PostAsJsonAsync($"/api/v1/staff/{staffId}/spot-awards", body);

    [Fact]
    public async Task A_workshop_manager_rewards_their_staff_within_the_months_allowance_and_the_league_counts_it()
    {
        var traffic = await ManagedDealershipAsync();
        var technician = traffic.Staff("T", 2);

        var given = await GiveAsync(_manager, technician, new { points = 200, reason = "Stayed late for a stranded customer", idempotencyKey = "spot-1" });

        given.StatusCode.Should().Be(HttpStatusCode.Created);
        var answer = (await given.Content.ReadFromJsonAsync<JsonObject>())!;
        answer["award"]!["points"]!.GetValue<long>().Should().Be(200);
        answer["award"]!["funded"]!.GetValue<bool>().Should().BeTrue();
        answer["givenThisMonth"]!.GetValue<long>().Should().Be(200);
        answer["allowance"]!.GetValue<long>().Should().Be(5_000);
        var staff = await _admin.GetObjectAsync($"/api/v1/staff/{technician}");
        staff["score"]!.GetValue<long>().Should().Be(192 + 200);
        staff["wallet"]!["available"]!.GetValue<long>().Should().Be(192 + 200);
        var board = await Eventually.HoldsAsync(
            () => _admin.GetObjectAsync($"/api/v1/leaderboards/technician?scope=dealership:{traffic.Dealership}"),
            b => b["entries"]![0]!["staffId"]!.GetValue<string>() == technician);
        board["entries"]![0]!["score"]!.GetValue<long>().Should().Be(392, "the award lifts T2 above T1 (192)");

        // The same request again (a retry) gives nothing more.
        var repeated = await GiveAsync(_manager, technician, new { points = 200, reason = "Stayed late for a stranded customer", idempotencyKey = "spot-1" });
        repeated.StatusCode.Should().Be(HttpStatusCode.Created);
        (await repeated.Content.ReadFromJsonAsync<JsonObject>())!["givenThisMonth"]!.GetValue<long>().Should().Be(200);
        (await _admin.GetObjectAsync($"/api/v1/staff/{technician}"))["score"]!.GetValue<long>().Should().Be(392);

        // 200 + 9 x 500 = 4,700 given; 400 more would pass 5,000, 300 reaches it exactly.
        for (var i = 0; i < 9; i++)
        {
            (await GiveAsync(_manager, traffic.Staff("T", 1), new { points = 500, reason = "Monthly top effort", idempotencyKey = $"spot-many-{i}" }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var over = await GiveAsync(_manager, technician, new { points = 400, reason = "One more", idempotencyKey = "spot-over" });
        over.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await over.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/spot-award-allowance");
        (await GiveAsync(_manager, technician, new { points = 300, reason = "Last one", idempotencyKey = "spot-last" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await _admin.GetObjectAsync($"/api/v1/staff/{traffic.Staff("T", 1)}"))["score"]!.GetValue<long>().Should().Be(192 + 4_500);
    }

    [Fact]
    public async Task A_workshop_manager_cannot_reward_another_dealerships_staff_and_other_roles_cannot_give_at_all()
    {
        var elsewhere = new Traffic(_admin, "spot-elsewhere");
        await elsewhere.RegisterDealershipAsync();
        (await elsewhere.PostAsync(elsewhere.VisitCompleted("spot-elsewhere-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _admin.GetObjectOrEmptyAsync($"/api/v1/staff/{elsewhere.Staff("T", 1)}"), s => s.ContainsKey("staffId"));
        var body = new { points = 100, reason = "Nice work", idempotencyKey = "spot-scope" };

        (await GiveAsync(_manager, elsewhere.Staff("T", 1), body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await GiveAsync(engine.CreateClientWithKey(TestCredentials.CxKey), elsewhere.Staff("T", 1), body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await GiveAsync(engine.CreateAnonymousClient(), elsewhere.Staff("T", 1), body)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _admin.GetObjectAsync($"/api/v1/staff/{elsewhere.Staff("T", 1)}"))["score"]!.GetValue<long>().Should().Be(192);
        (await GiveAsync(_admin, "S-nobody", body)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"points\":0,\"reason\":\"r\",\"idempotencyKey\":\"k\"}", "points")]
    [InlineData("{\"points\":501,\"reason\":\"r\",\"idempotencyKey\":\"k\"}", "points")]
    [InlineData("{\"points\":\"ten\",\"reason\":\"r\",\"idempotencyKey\":\"k\"}", "points")]
    [InlineData("{\"points\":10,\"idempotencyKey\":\"k\"}", "reason")]
    [InlineData("{\"points\":10,\"reason\":\"\",\"idempotencyKey\":\"k\"}", "reason")]
    [InlineData("{\"points\":10,\"reason\":\"r\",\"idempotencyKey\":\"../k\"}", "idempotencyKey")]
    public async Task A_malformed_spot_award_names_the_field_at_fault(string json, string field)
    {
        var response = await _admin.PostAsync("/api/v1/staff/S-anyone/spot-awards", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Should().ContainKey(field);
    }
}
