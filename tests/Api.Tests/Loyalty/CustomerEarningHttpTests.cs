using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Api.Tests.Import;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Loyalty;

/// <summary>Each row of program.md's customer-earning table, through the API (events in, balances out).</summary>
[Collection(EngineCollection.Name)]
public class CustomerEarningHttpTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    private async Task<Traffic> FundedAsync(string prefix)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(1_000_000);
        return traffic;
    }

    private static async Task AcceptedAsync(Traffic traffic, params JsonNode[] events)
    {
        var response = await traffic.PostAsync(events);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        answer["accepted"]!.GetValue<int>().Should().Be(events.Length, answer.ToJsonString());
    }

    [Fact]
    public async Task A_scheduled_visit_earns_500_and_a_repair_nothing()
    {
        var traffic = await FundedAsync("cevisit");
        var repair = traffic.Visit("v2");
        repair["data"]!["visitKind"] = "repair";
        await AcceptedAsync(traffic, traffic.Visit("v1"), repair);

        (await _http.CustomerAfterAsync(traffic, 2)).Available().Should().Be(500);
    }

    [Fact]
    public async Task An_accessory_earns_5_percent_and_an_upsell_3_percent_of_the_amount()
    {
        var traffic = await FundedAsync("cesale");
        await AcceptedAsync(traffic, traffic.Accessory("a1", 42_000m), traffic.Upsell("u1", 35_000m));

        (await _http.CustomerAfterAsync(traffic, 2)).Available().Should().Be(2_100 + 1_050);
    }

    [Fact]
    public async Task A_gold_customer_earns_the_multiplier_on_visits_and_purchases_but_not_on_contracts_or_feedback()
    {
        var traffic = await FundedAsync("cegold");
        // A mid-class contract makes the customer Gold (vehicle tier); it earns 20,000 itself.
        await AcceptedAsync(traffic, traffic.Contract("ct1", "mid", minutesAgo: 30));
        (await _http.CustomerAfterAsync(traffic, 1)).Tier().Should().Be("gold");

        await AcceptedAsync(traffic, traffic.Visit("v1"), traffic.Accessory("a1", 42_000m), traffic.Upsell("u1", 35_000m), traffic.Nps("n1", 9));

        var customer = await _http.CustomerAfterAsync(traffic, 5);
        customer.Available().Should().Be(20_000 + 625 + 2_625 + 1_312 + 100);
    }

    [Fact]
    public async Task Feedback_earns_100_once_per_job_card_whether_csat_or_nps()
    {
        var traffic = await FundedAsync("cefeedback");
        await AcceptedAsync(traffic,
            traffic.Csat("s1", "JC-cefeedback-1", score: 4),
            traffic.Nps("s2", 8, jobCardId: "JC-cefeedback-1"),
            traffic.Csat("s3", "JC-cefeedback-2", score: 3));

        (await _http.CustomerAfterAsync(traffic, 3)).Available().Should().Be(200);
    }

    [Fact]
    public async Task Feedback_without_a_job_card_earns_once_per_30_days()
    {
        var traffic = await FundedAsync("cefeedback30");
        const int Day = 24 * 60;
        await AcceptedAsync(traffic,
            traffic.Nps("n1", 7, minutesAgo: 45 * Day),
            traffic.Nps("n2", 7, minutesAgo: 20 * Day),
            traffic.Nps("n3", 7, minutesAgo: 16 * Day));

        // 45 days ago earns; 20 and 16 days ago are 25 and 29 days after it: nothing.
        (await _http.CustomerAfterAsync(traffic, 3)).Available().Should().Be(100);

        // An answer given 31 days after the rewarded one earns again, though it arrives after a later one.
        await AcceptedAsync(traffic, traffic.Nps("n4", 7, minutesAgo: 14 * Day));
        (await _http.CustomerAfterAsync(traffic, 4)).Available().Should().Be(200);
    }

    [Theory]
    [InlineData("new", "entry", 10_000)]
    [InlineData("new", "mid", 20_000)]
    [InlineData("new", "performance", 40_000)]
    [InlineData("renewal", "entry", 5_000)]
    [InlineData("renewal", "mid", 10_000)]
    [InlineData("renewal", "performance", 20_000)]
    [InlineData("lease_to_purchase", "mid", 15_000)]
    [InlineData("purchase_to_lease", "entry", 15_000)]
    [InlineData("buyout", "performance", 15_000)]
    [InlineData("finance_completed", "mid", 5_000)]
    public async Task A_contract_earns_by_kind_and_vehicle_class(string kind, string vehicleClass, long points)
    {
        var traffic = await FundedAsync($"cect-{kind.Replace('_', '-')}-{vehicleClass}");
        await AcceptedAsync(traffic, traffic.Contract("c1", vehicleClass, kind));

        (await _http.CustomerAfterAsync(traffic, 1)).Available().Should().Be(points);
    }

    [Fact]
    public async Task A_referral_rewards_the_referrer_5000_and_the_referee_2500_at_once()
    {
        var traffic = await FundedAsync("ceref");
        await AcceptedAsync(traffic, traffic.Referral("r1", referrer: 1, referee: 2));

        (await _http.CustomerAfterAsync(traffic, 1, customer: 1)).Available().Should().Be(5_000);
        (await _http.CustomerAfterAsync(traffic, 1, customer: 2)).Available().Should().Be(2_500);
    }

    [Fact]
    public async Task A_second_conversion_of_a_rewarded_referee_is_accepted_earns_nobody_anything_and_is_noted_on_the_referrer_s_ledger()
    {
        var traffic = await FundedAsync("ceref2");
        await AcceptedAsync(traffic, traffic.Referral("r1", referrer: 1, referee: 2));
        await _http.CustomerAfterAsync(traffic, 1, customer: 2);

        await AcceptedAsync(traffic, traffic.Referral("r2", referrer: 3, referee: 2));

        (await _http.CustomerAfterAsync(traffic, 1, customer: 3)).Available().Should().Be(0);
        (await _http.CustomerAfterAsync(traffic, 2, customer: 2)).Available().Should().Be(2_500, "the referee was rewarded once");
        (await _http.CustomerAfterAsync(traffic, 1, customer: 1)).Available().Should().Be(5_000);
        var ledger = await Eventually.HoldsAsync(
            () => _http.GetObjectAsync(traffic.CustomerPath(3) + "/ledger"), l => l["items"]!.AsArray().Count > 0);
        var ignored = ledger["items"]!.AsArray().Single()!;
        ignored["kind"]!.GetValue<string>().Should().Be("ignored");
        ignored["points"]!.GetValue<long>().Should().Be(0);
        ignored["sourceEventId"]!.GetValue<string>().Should().Be($"dms:{traffic.Dealership}-r2");
        ignored["note"]!.GetValue<string>().Should().Contain(traffic.Customer(2)).And.Contain("already rewarded");
        (await Eventually.HoldsAsync(() => _http.GetObjectAsync("/api/v1/admin/audit"), a => a["balanced"]!.GetValue<bool>()))
            ["balanced"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_self_referral_is_rejected_at_intake()
    {
        var traffic = await FundedAsync("ceselfref");
        var response = await traffic.PostAsync(traffic.Referral("r1", referrer: 1, referee: 1));

        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        answer["accepted"]!.GetValue<int>().Should().Be(0);
        answer["rejected"]![0]!["errors"]!.AsObject().Should().ContainKey("data.refereeCustomerId");
    }

    [Fact]
    public async Task A_customer_is_issued_a_referral_code_that_converts()
    {
        var traffic = await FundedAsync("cerefcode");
        var issued = await _http.GetObjectAsync(traffic.CustomerPath() + "/referral-code");
        issued["customerId"]!.GetValue<string>().Should().Be(traffic.Customer(1));
        var code = issued["referralCode"]!.GetValue<string>();
        (await _http.GetObjectAsync(traffic.CustomerPath() + "/referral-code"))["referralCode"]!.GetValue<string>().Should().Be(code, "a code is issued once and for all");
        (await _http.GetObjectAsync(traffic.CustomerPath(2) + "/referral-code"))["referralCode"]!.GetValue<string>().Should().NotBe(code);

        var referral = traffic.Referral("r1", referrer: 1, referee: 2);
        referral["data"]!["referralCode"] = code;
        await AcceptedAsync(traffic, referral);

        (await _http.CustomerAfterAsync(traffic, 1)).Available().Should().Be(5_000);
    }

    [Fact]
    public async Task A_conversion_with_another_customers_referral_code_is_rejected_at_intake()
    {
        var traffic = await FundedAsync("cerefwrong");
        var otherCode = (await _http.GetObjectAsync(traffic.CustomerPath(3) + "/referral-code"))["referralCode"]!.GetValue<string>();
        var referral = traffic.Referral("r1", referrer: 1, referee: 2);
        referral["data"]!["referralCode"] = otherCode;

        var response = await traffic.PostAsync(referral, traffic.Visit("v1"));

        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        answer["accepted"]!.GetValue<int>().Should().Be(1, "the batch's other events are taken");
        answer["rejected"]![0]!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("data.referralCode");
    }

    [Fact]
    public async Task A_reversed_purchase_takes_its_points_back()
    {
        var traffic = await FundedAsync("cereverse");
        await AcceptedAsync(traffic, traffic.Accessory("a1", 10_000m), traffic.Visit("v1"));
        (await _http.CustomerAfterAsync(traffic, 2)).Available().Should().Be(1_000);

        await AcceptedAsync(traffic, traffic.Event($"{traffic.Dealership}-rev1", "transaction.reversed", new JsonObject
        {
            ["originalSource"] = "dms", ["originalId"] = $"{traffic.Dealership}-a1", ["reason"] = "order cancelled",
        }));

        var customer = await Eventually.HoldsAsync(() => _http.GetObjectAsync(traffic.CustomerPath()), c => c.Available() == 500);
        customer["tierProgress"]!["qualifyingPoints"]!.GetValue<long>().Should().Be(500, "a reversed earning no longer qualifies");
    }

    [Fact]
    public async Task A_customer_whose_first_contract_is_three_years_old_earns_10_percent_more_on_everything()
    {
        var traffic = await FundedAsync("celongterm");
        var today = DateTimeOffset.UtcNow;
        // The first contracts predate the engine: they come over with the migration.
        await _http.ImportAsync(ImportHttp.Customers, $"""
            customerId,name,dealershipId,firstContractAt
            {traffic.Customer(1)},Long Term,{traffic.Dealership},{today.AddYears(-4):yyyy-MM-dd}
            {traffic.Customer(2)},Two Years,{traffic.Dealership},{today.AddYears(-2):yyyy-MM-dd}
            """);

        await AcceptedAsync(traffic,
            traffic.Visit("v1", customer: 1), traffic.Accessory("a1", 42_000m, customer: 1), traffic.Contract("c1", "entry", "renewal", customer: 1, minutesAgo: 5),
            traffic.Visit("v2", customer: 2));

        var longTerm = await _http.CustomerAfterAsync(traffic, 3, customer: 1);
        longTerm.Available().Should().Be(550 + 2_310 + 5_500);
        longTerm["longTermLoyalty"]!.GetValue<bool>().Should().BeTrue();
        (await _http.CustomerAfterAsync(traffic, 1, customer: 2)).Available().Should().Be(500);
    }
}
