using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Loyalty;

/// <summary>Tiers (program.md): vehicle tier and points tier, immediate upgrades, prompts, the customer view.</summary>
[Collection(EngineCollection.Name)]
public class TierHttpTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    private async Task<Traffic> FundedAsync(string prefix)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(2_000_000);
        return traffic;
    }

    private static async Task AcceptedAsync(Traffic traffic, params JsonNode[] events) =>
        (await traffic.PostAsync(events)).StatusCode.Should().Be(HttpStatusCode.Accepted);

    [Fact]
    public async Task A_customer_with_no_contract_and_no_points_is_silver()
    {
        var traffic = await FundedAsync("tsilver");
        await AcceptedAsync(traffic, traffic.Nps("n1", 3));

        var customer = await _http.CustomerAfterAsync(traffic, 1);
        customer.Tier().Should().Be("silver");
        var progress = customer["tierProgress"]!;
        progress["qualifyingPoints"]!.GetValue<long>().Should().Be(100);
        progress["nextTier"]!.GetValue<string>().Should().Be("gold");
        progress["pointsToNextTier"]!.GetValue<long>().Should().Be(49_900);
        // Without a CRM review date the review falls on the anniversary of the day the customer was first seen.
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5.5)).DateTime);
        customer["nextReview"]!.GetValue<string>().Should().Be(today.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("entry", "lease", "silver")]
    [InlineData("mid", "purchase", "gold")]
    [InlineData("performance", "lease", "platinum")]
    [InlineData("performance", "purchase", "platinum")]
    public async Task The_vehicle_tier_follows_the_best_class_lease_and_purchase_alike(string vehicleClass, string ownership, string tier)
    {
        var traffic = await FundedAsync($"tvehicle-{vehicleClass}-{ownership}");
        await AcceptedAsync(traffic, traffic.Contract("c1", vehicleClass, ownership: ownership));

        var customer = await _http.CustomerAfterAsync(traffic, 1);
        customer.Tier().Should().Be(tier);
        customer["tierProgress"]!["vehicleTier"]!.GetValue<string>().Should().Be(tier);
        var contract = customer["contracts"]!.AsArray().Single()!;
        contract["vehicleClass"]!.GetValue<string>().Should().Be(vehicleClass);
        contract["ownership"]!.GetValue<string>().Should().Be(ownership);
    }

    [Fact]
    public async Task The_best_class_among_several_vehicles_counts()
    {
        var traffic = await FundedAsync("tbest");
        await AcceptedAsync(traffic,
            traffic.Contract("c1", "entry", vin: "VIN-tbest-1", minutesAgo: 30),
            traffic.Contract("c2", "performance", ownership: "purchase", vin: "VIN-tbest-2", minutesAgo: 20));

        var customer = await _http.CustomerAfterAsync(traffic, 2);
        customer.Tier().Should().Be("platinum");
        customer["contracts"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Qualifying_points_upgrade_at_once_with_a_notification_and_the_next_earning_is_multiplied()
    {
        var traffic = await FundedAsync("tpoints");
        // 5 % of ₹1,000,000 = 50,000 qualifying points: Gold.
        await AcceptedAsync(traffic, traffic.Accessory("a1", 1_000_000m, minutesAgo: 30));
        var customer = await _http.CustomerAfterAsync(traffic, 1);
        customer.Tier().Should().Be("gold");
        customer["tierProgress"]!["pointsTier"]!.GetValue<string>().Should().Be("gold");
        customer["tierProgress"]!["pointsToNextTier"]!.GetValue<long>().Should().Be(100_000);
        var upgrades = await Eventually.HoldsAsync(() => _http.NotificationsAsync("tier.upgraded", traffic.Customer()), n => n.Count > 0);
        upgrades.Should().ContainSingle();
        upgrades[0]["target"]!.GetValue<string>().Should().Be($"customer:{traffic.Customer()}");
        upgrades[0]["data"]!["from"]!.GetValue<string>().Should().Be("silver");
        upgrades[0]["data"]!["to"]!.GetValue<string>().Should().Be("gold");

        await AcceptedAsync(traffic, traffic.Visit("v1"));
        (await _http.CustomerAfterAsync(traffic, 2)).Available().Should().Be(50_000 + 625);
    }

    [Fact]
    public async Task A_contract_and_a_visit_in_one_batch_give_the_same_balance_whatever_their_order_in_the_batch()
    {
        var traffic = await FundedAsync("torder");
        // Customer 1: contract first in the batch; customer 2: visit first. Both signed before the visit.
        await AcceptedAsync(traffic,
            traffic.Contract("c1", "performance", customer: 1, minutesAgo: 60), traffic.Visit("v1", customer: 1, minutesAgo: 30),
            traffic.Visit("v2", customer: 2, minutesAgo: 30), traffic.Contract("c2", "performance", customer: 2, minutesAgo: 60));

        var first = await _http.CustomerAfterAsync(traffic, 2, customer: 1);
        var second = await _http.CustomerAfterAsync(traffic, 2, customer: 2);
        first.Available().Should().Be(40_000 + 750, "the visit came after the contract: Platinum's 1.5");
        second.Available().Should().Be(first.Available());
    }

    [Fact]
    public async Task A_contract_signed_after_the_visit_does_not_multiply_it_whatever_the_order_in_the_batch()
    {
        var traffic = await FundedAsync("tlate");
        await AcceptedAsync(traffic, traffic.Contract("c1", "performance", minutesAgo: 10), traffic.Visit("v1", minutesAgo: 30));

        (await _http.CustomerAfterAsync(traffic, 2)).Available().Should().Be(40_000 + 500);
    }

    [Fact]
    public async Task A_verified_csat_5_raises_an_upgrade_prompt_for_the_dealership_that_a_later_contract_answers()
    {
        var traffic = await FundedAsync("tprompt");
        await AcceptedAsync(traffic, traffic.Csat("s1", "JC-tprompt-1", score: 5, minutesAgo: 30), traffic.Csat("s2", "JC-tprompt-2", score: 5, verified: false, minutesAgo: 29));

        var customer = await _http.CustomerAfterAsync(traffic, 2);
        var prompt = customer["openPrompts"]!.AsArray().Single()!;
        prompt["surveyId"]!.GetValue<string>().Should().Be($"SV-{traffic.Dealership}-s1");
        prompt["dealershipId"]!.GetValue<string>().Should().Be(traffic.Dealership);
        var notices = await Eventually.HoldsAsync(() => _http.NotificationsAsync("customer.upgrade-prompt", traffic.Customer()), n => n.Count > 0);
        notices.Should().ContainSingle("an unverified 5 raises none");
        notices[0]["target"]!.GetValue<string>().Should().Be($"dealership:{traffic.Dealership}");

        await AcceptedAsync(traffic, traffic.Contract("c1", "mid", minutesAgo: 5));
        (await _http.CustomerAfterAsync(traffic, 3))["openPrompts"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task The_customer_view_shows_balances_tier_progress_expiring_points_contracts_and_review_date()
    {
        var traffic = await FundedAsync("tview");
        (await _http.PutAsJsonAsync($"{traffic.CustomerPath()}/profile", new { name = "Asha Rao", preferences = new[] { "dining" }, reviewDate = "2027-04-01" }))
            .EnsureSuccessStatusCode();
        await AcceptedAsync(traffic, traffic.Contract("c1", "mid", minutesAgo: 20), traffic.Visit("v1"));

        var customer = await _http.CustomerAfterAsync(traffic, 2);
        var balance = customer["balance"]!.AsObject();
        balance.Select(p => p.Key).Should().Contain(["available", "pending", "lifetimeEarned", "redeemed", "expired"]);
        balance["lifetimeEarned"]!.GetValue<long>().Should().Be(20_625);
        customer.Tier().Should().Be("gold");
        customer["tierProgress"]!["qualifyingPoints"]!.GetValue<long>().Should().Be(20_625);
        customer["tierProgress"]!["nextTier"]!.GetValue<string>().Should().Be("platinum");
        customer["contracts"]!.AsArray().Single()!["contractId"]!.GetValue<string>().Should().Be($"CT-{traffic.Dealership}-c1");
        customer["nextReview"]!.GetValue<string>().Should().Be("2027-04-01");
        customer["expiringSoon"]!.AsArray().Should().BeEmpty("points earned today expire in two years");
        customer["openPrompts"]!.AsArray().Should().BeEmpty();
    }
}
