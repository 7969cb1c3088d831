using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Loyalty;

/// <summary>
/// <c>GET /api/v1/analytics/loyalty?month=</c>: tier upgrades and renewals by month, the month's
/// redemptions by category and city and its referrals, for a known set of events in two months of
/// program time. The dealerships are in Goa, a state no other test of this engine uses.
/// </summary>
[Collection(LoyaltyTimeCollection.Name)]
public class LoyaltyDashboardTests(LoyaltyTimeEngine engine)
{
    private static readonly TimeSpan India = TimeSpan.FromHours(5.5);

    private readonly HttpClient _http = engine.CreateClient();

    private DateTimeOffset Now => engine.Clock.GetUtcNow().ToOffset(India);

    private string ThisMonth => Now.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private Task<int> SweepAsync() => engine.Grains.GetGrain<ITierReviewSweepGrain>(ITierReviewSweepGrain.Key).SweepAsync();

    private void MoveTo(DateTimeOffset at) => engine.Clock.Advance(at - engine.Clock.GetUtcNow());

    private async Task<Traffic> DealershipAsync(string prefix, string city)
    {
        var traffic = new Traffic(_http, prefix);
        (await _http.PutAsJsonAsync($"/api/v1/dealerships/{traffic.Dealership}", new { name = $"Pitstop {city}", city, state = "GA", region = "west" }))
            .EnsureSuccessStatusCode();
        await traffic.FundBudgetAsync(500_000);
        return traffic;
    }

    private async Task<string> RedeemAsync(Traffic traffic, int customer, string itemId, int quantity, string key)
    {
        var placed = await _http.PostAsJsonAsync($"{traffic.CustomerPath(customer)}/redemptions", new { itemId, quantity, idempotencyKey = key });
        placed.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await placed.Content.ReadFromJsonAsync<JsonObject>())!["redemptionId"]!.GetValue<string>();
    }

    private Task<JsonObject> DashboardAsync(string query, Func<JsonObject, bool> settled) =>
        Eventually.HoldsAsync(() => _http.GetObjectAsync($"/api/v1/analytics/loyalty?{query}"), settled);

    [Fact]
    public async Task Upgrades_renewals_redemptions_by_category_and_city_and_referrals_are_counted_by_month_and_the_month_filter_selects_them()
    {
        await SweepAsync(); // the reviews are done up to today
        var panaji = await DealershipAsync("ldash-panaji", "Panaji");
        var margao = await DealershipAsync("ldash-margao", "Margao");
        var monthA = ThisMonth;
        var firstOfNext = new DateTimeOffset(Now.Year, Now.Month, 1, 0, 0, 0, India).AddMonths(1);
        var monthB = firstOfNext.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var reviewDate = DateOnly.FromDateTime(firstOfNext.AddDays(3).DateTime);
        (await _http.PutAsJsonAsync($"{panaji.CustomerPath(2)}/profile", new
        {
            name = "Renewing Customer", preferences = Array.Empty<string>(), reviewDate = reviewDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).EnsureSuccessStatusCode();

        // Month A: two gold upgrades and a platinum one; a code issued (asked twice) and one asked for a customer not seen yet.
        (await panaji.PostAsync(panaji.Contract("c1", "mid", customer: 1), panaji.Contract("c2", "performance", customer: 2))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await margao.PostAsync(margao.Contract("c1", "mid", customer: 1))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.CustomerAfterAsync(panaji, 1, customer: 2)).Tier().Should().Be("platinum");
        (await _http.CustomerAfterAsync(margao, 1, customer: 1)).Tier().Should().Be("gold");
        (await _http.CustomerAfterAsync(panaji, 1, customer: 1)).Tier().Should().Be("gold");
        (await _http.GetAsync($"{panaji.CustomerPath(3)}/referral-code")).EnsureSuccessStatusCode();
        (await _http.GetAsync($"{panaji.CustomerPath(1)}/referral-code")).EnsureSuccessStatusCode();
        (await _http.GetAsync($"{panaji.CustomerPath(1)}/referral-code")).EnsureSuccessStatusCode();

        // A referral converted: 5,000 to the referrer, 2,500 to the referee, both of Panaji.
        (await panaji.PostAsync(panaji.Referral("r1", referrer: 1, referee: 3))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _http.CustomerAfterAsync(panaji, 1, customer: 3);

        // Redemptions: dining 2 x 300 and wellness 1,000 in Panaji, dining 300 in Margao; a wellness one placed and cancelled.
        (await _http.PutAsJsonAsync("/api/v1/catalog/items/ITEM-ldash-dining", new { name = "Dinner", category = "dining", pointsCost = 300 })).EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync("/api/v1/catalog/items/ITEM-ldash-spa", new { name = "Spa", category = "wellness", pointsCost = 1_000 })).EnsureSuccessStatusCode();
        await RedeemAsync(panaji, 1, "ITEM-ldash-dining", 2, "ldash-1");
        await RedeemAsync(panaji, 2, "ITEM-ldash-spa", 1, "ldash-2");
        await RedeemAsync(margao, 1, "ITEM-ldash-dining", 1, "ldash-3");
        var cancelled = await RedeemAsync(panaji, 1, "ITEM-ldash-spa", 1, "ldash-4");
        (await _http.PostAsync($"/api/v1/redemptions/{Uri.EscapeDataString(cancelled)}/cancel", null)).EnsureSuccessStatusCode();

        // The same events again, and the code asked again: duplicates, counted once.
        (await panaji.PostAsync(panaji.Contract("c1", "mid", customer: 1), panaji.Referral("r1", referrer: 1, referee: 3)))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.GetAsync($"{panaji.CustomerPath(1)}/referral-code")).EnsureSuccessStatusCode();

        // The tallies reach their months after each customer's write: read once all of them have.
        var a = await DashboardAsync($"state=GA&month={monthA}&months=1", d =>
            d["redemptions"]!["points"]!.GetValue<long>() == 1_900 && d["referrals"]!["points"]!.GetValue<long>() == 7_500
            && d["referrals"]!["codesIssued"]!.GetValue<long>() == 1 && d["tierMovesByMonth"]![0]!["totalUpgrades"]!.GetValue<long>() == 3);

        a["month"]!.GetValue<string>().Should().Be(monthA);
        var movesA = a["tierMovesByMonth"]!.AsArray().Single()!;
        movesA["month"]!.GetValue<string>().Should().Be(monthA);
        movesA["upgrades"]!.ToJsonString().Should().Be("""{"silver":0,"gold":2,"platinum":1}""");
        (movesA["totalUpgrades"]!.GetValue<long>(), movesA["totalRenewals"]!.GetValue<long>()).Should().Be((3L, 0L));
        a["redemptions"]!["redemptions"]!.GetValue<long>().Should().Be(3);
        a["redemptions"]!["byCategory"]!.ToJsonString().Should().Be(
            """[{"category":"dining","redemptions":2,"points":900},{"category":"wellness","redemptions":1,"points":1000}]""");
        a["redemptions"]!["byCity"]!.ToJsonString().Should().Be(
            """[{"city":"Margao","state":"GA","redemptions":1,"points":300},{"city":"Panaji","state":"GA","redemptions":2,"points":1600}]""");
        a["referrals"]!.ToJsonString().Should().Be("""{"codesIssued":1,"converted":1,"points":7500}""");
        a["tiers"]!.ToJsonString().Should().Be("""{"silver":1,"gold":2,"platinum":1}""");

        // Month B: one more upgrade, and the platinum customer's yearly review keeps platinum (a renewal).
        MoveTo(firstOfNext.AddDays(1).AddHours(12));
        (await panaji.PostAsync(panaji.Contract("c4", "mid", customer: 4))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.CustomerAfterAsync(panaji, 1, customer: 4)).Tier().Should().Be("gold");
        MoveTo(new DateTimeOffset(reviewDate.ToDateTime(new TimeOnly(12, 0)), India));
        (await SweepAsync()).Should().BeGreaterThanOrEqualTo(1);
        (await _http.GetObjectAsync(panaji.CustomerPath(2))).Tier().Should().Be("platinum");

        var b = await DashboardAsync($"state=GA&month={monthB}&months=2", d =>
            d["tierMovesByMonth"]!.AsArray()[1]!["totalRenewals"]!.GetValue<long>() == 1 && d["tierMovesByMonth"]!.AsArray()[1]!["totalUpgrades"]!.GetValue<long>() == 1);

        b["tierMovesByMonth"]!.AsArray().Select(m => m!["month"]!.GetValue<string>()).Should().Equal(monthA, monthB);
        b["tierMovesByMonth"]![0]!["upgrades"]!.ToJsonString().Should().Be("""{"silver":0,"gold":2,"platinum":1}""");
        b["tierMovesByMonth"]![1]!["upgrades"]!.ToJsonString().Should().Be("""{"silver":0,"gold":1,"platinum":0}""");
        b["tierMovesByMonth"]![1]!["renewals"]!.ToJsonString().Should().Be("""{"silver":0,"gold":0,"platinum":1}""");
        b["redemptions"]!.ToJsonString().Should().Be("""{"redemptions":0,"points":0,"byCategory":[],"byCity":[]}""", "nothing was redeemed in month B");
        b["referrals"]!.ToJsonString().Should().Be("""{"codesIssued":0,"converted":0,"points":0}""");

        // Month A still reads as it did; one dealership's filter keeps its own figures.
        var again = await _http.GetObjectAsync($"/api/v1/analytics/loyalty?state=GA&month={monthA}&months=1");
        again["redemptions"]!.ToJsonString().Should().Be(a["redemptions"]!.ToJsonString());
        var margaoOnly = await _http.GetObjectAsync($"/api/v1/analytics/loyalty?dealershipId={margao.Dealership}&month={monthA}&months=1");
        margaoOnly["tierMovesByMonth"]![0]!["upgrades"]!.ToJsonString().Should().Be("""{"silver":0,"gold":1,"platinum":0}""");
        margaoOnly["redemptions"]!["byCity"]!.ToJsonString().Should().Be("""[{"city":"Margao","state":"GA","redemptions":1,"points":300}]""");
        margaoOnly["referrals"]!["converted"]!.GetValue<long>().Should().Be(0);

        // A Kerala lead's figures leave Goa's out, even when it filters on Goa; a Goa dealership by name is refused.
        var lead = engine.CreateClientWithKey(TestCredentials.RegionalLeadKeralaKey);
        var kerala = await lead.GetObjectAsync($"/api/v1/analytics/loyalty?month={monthA}&months=1");
        kerala["redemptions"]!["byCity"]!.AsArray().Select(c => c!["state"]!.GetValue<string>()).Should().NotContain("GA");
        kerala["referrals"]!["converted"]!.GetValue<long>().Should().Be(0);
        var goa = await lead.GetObjectAsync($"/api/v1/analytics/loyalty?state=GA&month={monthA}&months=1");
        (goa["tierMovesByMonth"]![0]!["totalUpgrades"]!.GetValue<long>(), goa["redemptions"]!["redemptions"]!.GetValue<long>()).Should().Be((0L, 0L));
        (await lead.GetAsync($"/api/v1/analytics/loyalty?dealershipId={panaji.Dealership}&month={monthA}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
