using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>The Pitstop League through HTTP: boards per role, month and scope, ranks with ties, neighbours.</summary>
[Collection(LeagueCollection.Name)]
public class LeaderboardTests(LeagueEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    /// <summary>A completed visit by <paramref name="technicians"/> and advisor A1, on time and first-time fixed or not.</summary>
    private static JsonObject Visit(Traffic traffic, string id, bool onTime, params int[] technicians)
    {
        var visit = traffic.VisitCompleted(id, onTime: onTime);
        visit["data"]!["technicianIds"] = new JsonArray([.. technicians.Select(t => (JsonNode)traffic.Staff("T", t))]);
        return visit;
    }

    private async Task<JsonObject> BoardAsync(string path, Func<JsonObject, bool> until) =>
        await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync(path), b => b.ContainsKey("entries") && until(b));

    private static IEnumerable<(int Rank, string StaffId, long Score)> Entries(JsonObject board) =>
        board["entries"]!.AsArray().Select(e => (e!["rank"]!.GetValue<int>(), e["staffId"]!.GetValue<string>(), e["score"]!.GetValue<long>()));

    [Fact]
    public async Task Technicians_are_ranked_by_their_months_kpi_points_with_ties_sharing_a_rank_and_listed_by_id()
    {
        var traffic = new Traffic(_http, "league-rank");
        await traffic.RegisterDealershipAsync("SK");
        await traffic.FundBudgetAsync(100_000);
        // T1 and T2: on time and fixed first time, (50 + 80 + 30) x 1.2 = 192 each. T3: late, 80 + 30 = 110.
        (await traffic.PostAsync(Visit(traffic, "league-rank-1", onTime: true, 2, 1), Visit(traffic, "league-rank-2", onTime: false, 3)))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

        var board = await BoardAsync($"/api/v1/leaderboards/technician?scope=dealership:{traffic.Dealership}", b => b["members"]!.GetValue<int>() == 3);

        Entries(board).Should().Equal((1, traffic.Staff("T", 1), 192L), (1, traffic.Staff("T", 2), 192L), (3, traffic.Staff("T", 3), 110L));
        board["role"]!.GetValue<string>().Should().Be("technician");
        board["scope"]!.GetValue<string>().Should().Be($"dealership:{traffic.Dealership}");
        board["period"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d{2}$");
        board["entries"]![0]!["dealershipId"]!.GetValue<string>().Should().Be(traffic.Dealership);
        var state = await _http.GetObjectAsync("/api/v1/leaderboards/technician?scope=state:SK");
        // The dealership is the only one of its state.
        Entries(state).Should().Equal(Entries(board));
        var advisors = await BoardAsync($"/api/v1/leaderboards/advisor?scope=dealership:{traffic.Dealership}", b => b["members"]!.GetValue<int>() == 1);
        // 30 + 40 for the on-time visit, 40 for the accurate late one.
        Entries(advisors).Should().Equal((1, traffic.Staff("A"), 70L + 40L));
    }

    [Fact]
    public async Task A_member_sees_their_neighbours_and_their_ranks_on_every_scope()
    {
        var traffic = new Traffic(_http, "league-around");
        await traffic.RegisterDealershipAsync("NL");
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(
            Visit(traffic, "league-around-1", onTime: true, 1),
            Visit(traffic, "league-around-2", onTime: true, 1, 2),
            Visit(traffic, "league-around-3", onTime: false, 3),
            Visit(traffic, "league-around-4", onTime: false, 4))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var scope = $"dealership:{traffic.Dealership}";
        await BoardAsync($"/api/v1/leaderboards/technician?scope={scope}", b => b["members"]!.GetValue<int>() == 4);

        var around = await _http.GetObjectAsync($"/api/v1/leaderboards/technician?scope={scope}&around={traffic.Staff("T", 3)}&radius=1");

        Entries(around).Should().Equal((2, traffic.Staff("T", 2), 192L), (3, traffic.Staff("T", 3), 110L), (3, traffic.Staff("T", 4), 110L));
        var top = await _http.GetObjectAsync($"/api/v1/leaderboards/technician?scope={scope}&top=1");
        Entries(top).Should().Equal((1, traffic.Staff("T", 1), 384L));
        var staff = await _http.GetObjectAsync($"/api/v1/staff/{traffic.Staff("T", 3)}");
        staff["score"]!.GetValue<long>().Should().Be(110);
        staff["ranks"]!["dealership"]!.GetValue<int>().Should().Be(3);
        staff["ranks"]!["state"]!.GetValue<int>().Should().Be(3);
        var national = await _http.GetObjectAsync($"/api/v1/leaderboards/technician?around={traffic.Staff("T", 3)}&radius=0");
        staff["ranks"]!["national"]!.GetValue<int>().Should().Be(Entries(national).Single().Rank);
    }

    [Fact]
    public async Task An_ended_month_is_frozen_and_stays_queryable_and_late_points_count_in_the_month_they_are_applied()
    {
        var traffic = new Traffic(_http, "league-month");
        await traffic.RegisterDealershipAsync("TR");
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(Visit(traffic, "league-month-1", onTime: true, 1))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var scope = $"dealership:{traffic.Dealership}";
        var thisMonth = await BoardAsync($"/api/v1/leaderboards/technician?scope={scope}", b => b["members"]!.GetValue<int>() == 1);
        var period = thisMonth["period"]!.GetValue<string>();

        engine.Clock.Advance(TimeSpan.FromDays(32));
        // Reported after the month ended: its points count in the month now running.
        (await traffic.PostAsync(Visit(traffic, "league-month-2", onTime: false, 1))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var next = await BoardAsync($"/api/v1/leaderboards/technician?scope={scope}", b => b["members"]!.GetValue<int>() == 1);
        next["period"]!.GetValue<string>().Should().NotBe(period);
        Entries(next).Should().Equal((1, traffic.Staff("T", 1), 110L));
        var frozen = await _http.GetObjectAsync($"/api/v1/leaderboards/technician?scope={scope}&period={period}");
        Entries(frozen).Should().Equal((1, traffic.Staff("T", 1), 192L));
        (await _http.GetObjectAsync($"/api/v1/staff/{traffic.Staff("T", 1)}"))["score"]!.GetValue<long>().Should().Be(110);
    }

    [Theory]
    [InlineData("/api/v1/leaderboards/manager", "role")]
    [InlineData("/api/v1/leaderboards/technician?scope=galaxy", "scope")]
    [InlineData("/api/v1/leaderboards/technician?scope=state:ZZ", "scope")]
    [InlineData("/api/v1/leaderboards/technician?scope=dealership:..%2F..", "scope")]
    [InlineData("/api/v1/leaderboards/technician?period=2026-13", "period")]
    [InlineData("/api/v1/leaderboards/technician?period=november", "period")]
    [InlineData("/api/v1/leaderboards/technician?top=0", "top")]
    [InlineData("/api/v1/leaderboards/technician?top=101", "top")]
    [InlineData("/api/v1/leaderboards/technician?top=ten", "top")]
    [InlineData("/api/v1/leaderboards/technician?around=S-1&radius=51", "radius")]
    [InlineData("/api/v1/leaderboards/technician?around=%00bad", "around")]
    public async Task A_malformed_leaderboard_query_names_the_parameter_at_fault(string path, string field)
    {
        var response = await _http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]!.AsObject().Should().ContainKey(field);
    }

    [Fact]
    public async Task Every_persons_role_reads_the_league_but_an_ingest_key_and_no_credential_do_not()
    {
        const string path = "/api/v1/leaderboards/advisor?scope=national&top=3";
        foreach (var key in new[] { TestCredentials.CxKey, TestCredentials.WorkshopManagerKey, TestCredentials.RegionalLeadKeralaKey })
        {
            (await engine.CreateClientWithKey(key).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, key);
        }

        (await engine.CreateClientWithKey(TestCredentials.IngestKarnatakaKey).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await engine.CreateAnonymousClient().GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_board_of_an_unknown_dealership_is_not_found()
    {
        (await _http.GetAsync("/api/v1/leaderboards/technician?scope=dealership:DLR-nowhere")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
