using System.Net;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>Monthly badges and configured challenges: reached once a month, announced, a challenge's bonus counted in the league.</summary>
[Collection(LeagueCollection.Name)]
public class AchievementTests(LeagueEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task Ten_first_time_fixes_earn_the_pitstop_pro_badge_and_four_on_time_deliveries_the_challenge_bonus_once()
    {
        var traffic = new Traffic(_http, "badge");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        var visits = Enumerable.Range(1, 10).Select(i =>
        {
            var visit = traffic.VisitCompleted($"badge-visit-{i}");
            visit["data"]!["technicianIds"] = new JsonArray(traffic.Staff("T"));
            return (JsonNode)visit;
        }).ToArray();
        (await traffic.PostAsync(visits[..9])).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var technician = traffic.Staff("T");
        var nine = await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync($"/api/v1/staff/{technician}"), s => s["eventsApplied"]?.GetValue<long>() == 9);
        nine["badges"]!.AsArray().Should().BeEmpty("nine first-time fixes are one short");
        nine["challenges"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal(LeagueEngine.Challenge);

        (await traffic.PostAsync(visits[9])).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var ten = await Eventually.HoldsAsync(() => _http.GetObjectAsync($"/api/v1/staff/{technician}"), s => s["eventsApplied"]!.GetValue<long>() == 10);
        ten["badges"]!.AsArray().Select(b => b!.GetValue<string>()).Should().Equal("pitstop-pro");
        ten["score"]!.GetValue<long>().Should().Be(10 * 192 + 300, "ten visits of 192 and the challenge's bonus, once");
        ten["wallet"]!["available"]!.GetValue<long>().Should().Be(10 * 192 + 300);
        var feed = await _http.GetObjectAsync("/api/v1/notifications?after=0&limit=1000");
        var mine = feed["items"]!.AsArray().Where(n => n!["target"]!.GetValue<string>() == $"staff:{technician}").Select(n => n!["type"]!.GetValue<string>()).ToList();
        mine.Should().BeEquivalentTo(["league.challenge-completed", "league.badge-earned"]);
        // The advisor of those visits delivered on time too: the challenge, no first-time-fix badge.
        var advisor = await _http.GetObjectAsync($"/api/v1/staff/{traffic.Staff("A")}");
        advisor["challenges"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal(LeagueEngine.Challenge);
        advisor["badges"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_configured_challenge_seeds_the_catalogue_as_a_national_challenge_of_every_month()
    {
        var challenge = await _http.GetObjectAsync($"/api/v1/challenges/{LeagueEngine.Challenge}");

        (challenge["title"]!.GetValue<string>(), challenge["kpi"]!.GetValue<string>(), challenge["target"]!.GetValue<int>(), challenge["points"]!.GetValue<long>())
            .Should().Be(("Four on-time deliveries this month", "on-time", 4, 300L));
        (challenge["scope"]!.GetValue<string>(), challenge["status"]!.GetValue<string>()).Should().Be(("national", "running"));
        challenge.Should().NotContainKey("from", "it runs every month");
    }
}
