using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>GET /dealerships/{id}/budget/burn: a budget's month day by day, from the ledger journal.</summary>
[Collection(EngineCollection.Name)]
public class BudgetBurnTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task The_month_lists_every_day_with_the_points_awarded_and_topped_up_on_it()
    {
        var traffic = new Traffic(_http, "burn");
        await traffic.RegisterDealershipAsync();
        // No auto top-up: the month's top-ups are the admin's alone.
        (await _http.SendJsonAsync(HttpMethod.Put, $"/api/v1/dealerships/{traffic.Dealership}/budget/policy", new { threshold = 0, amount = 0, monthlyCap = 0 }))
            .EnsureSuccessStatusCode();
        await traffic.FundBudgetAsync(50_000);
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("burn-1", 1), traffic.CustomerOnlyVisit("burn-2", 2))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var path = $"/api/v1/dealerships/{traffic.Dealership}/budget/burn";

        var burn = await Eventually.HoldsAsync(() => _http.GetObjectAsync(path), b => b["spent"]!.GetValue<long>() == 1_000, TimeSpan.FromSeconds(30));

        // The engine's days and months are those of Asia/Kolkata.
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5.5));
        burn["period"]!.GetValue<string>().Should().Be(today.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        burn["toppedUp"]!.GetValue<long>().Should().Be(50_000);
        burn["returned"]!.GetValue<long>().Should().Be(0);
        var days = burn["days"]!.AsArray();
        days.Should().HaveCount(DateTime.DaysInMonth(today.Year, today.Month));
        days[0]!["date"]!.GetValue<string>().Should().Be(today.ToString("yyyy-MM-01", CultureInfo.InvariantCulture));
        var day = days.Single(d => d!["date"]!.GetValue<string>() == today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))!;
        day["spent"]!.GetValue<long>().Should().Be(1_000);
        day["toppedUp"]!.GetValue<long>().Should().Be(50_000);
    }

    [Fact]
    public async Task A_past_month_is_empty_and_a_malformed_month_or_unknown_dealership_is_refused()
    {
        var traffic = new Traffic(_http, "burn-past");
        await traffic.RegisterDealershipAsync();
        var path = $"/api/v1/dealerships/{traffic.Dealership}/budget/burn";

        var past = await _http.GetObjectAsync(path + "?period=2024-02");
        past["days"]!.AsArray().Should().HaveCount(29, "February 2024 had 29 days");
        past["days"]!.AsArray().Should().OnlyContain(d => d!["spent"]!.GetValue<long>() == 0 && d["toppedUp"]!.GetValue<long>() == 0);

        foreach (var period in new[] { "2024-13", "2024-2", "2024-02-01", "last" })
        {
            await ProblemChecks.ShouldBeProblemAsync(await _http.GetAsync($"{path}?period={period}"), period, HttpStatusCode.BadRequest, ownType: true, ["period"]);
        }

        (await _http.GetAsync("/api/v1/dealerships/DLR-burn-nowhere/budget/burn")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
