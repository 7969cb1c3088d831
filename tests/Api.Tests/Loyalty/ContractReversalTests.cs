using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Loyalty;

/// <summary>
/// A reversed <c>contract.signed</c> no longer counts for the vehicle tier: the contract leaves the
/// customer's contracts at once, and the tier it gave follows the downgrade rule (the yearly review).
/// </summary>
[Collection(ContractReversalCollection.Name)]
public class ContractReversalTests(ContractReversalEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    private DateOnly Today => DateOnly.FromDateTime(engine.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(5.5)).DateTime);

    private Task<int> SweepAsync() => engine.Grains.GetGrain<ITierReviewSweepGrain>(ITierReviewSweepGrain.Key).SweepAsync();

    private static JsonObject Reversal(Traffic traffic, string id, string originalId) =>
        traffic.Event($"{traffic.Dealership}-{id}", "transaction.reversed", new JsonObject
        {
            ["originalSource"] = "dms",
            ["originalId"] = $"{traffic.Dealership}-{originalId}",
            ["reason"] = "contract cancelled",
        });

    [Fact]
    public async Task A_reversed_contract_leaves_the_contracts_and_the_vehicle_tier_at_once_and_the_tier_at_the_review()
    {
        await SweepAsync(); // the reviews are done up to today
        var reviewDate = Today.AddDays(15);
        var traffic = new Traffic(_http, "ct-reverse");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(1_000_000);
        (await _http.PutAsJsonAsync($"{traffic.CustomerPath()}/profile", new
        {
            name = "Reversed Contract", preferences = Array.Empty<string>(), reviewDate = reviewDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).EnsureSuccessStatusCode();
        (await traffic.PostAsync(traffic.Contract("entry-1", "entry", vin: "VIN-ENTRY"), traffic.Contract("perf-1", "performance", vin: "VIN-PERF")))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.CustomerAfterAsync(traffic, 2)).Tier().Should().Be("platinum");

        (await traffic.PostAsync(Reversal(traffic, "perf-1-undo", "perf-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var reversed = await Eventually.HoldsAsync(
            () => _http.GetObjectAsync(traffic.CustomerPath()),
            c => c["contracts"]!.AsArray().Count == 1);
        reversed["contracts"]![0]!["vin"]!.GetValue<string>().Should().Be("VIN-ENTRY");
        reversed["tierProgress"]!["vehicleTier"]!.GetValue<string>().Should().Be("silver", "the entry contract alone qualifies for Silver");
        reversed["balance"]!["available"]!.GetValue<long>().Should().Be(10_000, "the performance contract's 40,000 points went back");
        reversed.Tier().Should().Be("platinum", "a tier goes down only at the yearly review");

        engine.Clock.Advance(TimeSpan.FromDays(20));
        await SweepAsync();

        (await _http.GetObjectAsync(traffic.CustomerPath())).Tier().Should().Be("silver");
        var reviewed = await Eventually.HoldsAsync(() => _http.NotificationsAsync("tier.reviewed", traffic.Customer()), n => n.Count > 0);
        reviewed.Should().ContainSingle().Which["data"]!["to"]!.GetValue<string>().Should().Be("silver");
    }

    [Fact]
    public async Task Reversing_a_vehicles_newer_contract_puts_the_earlier_one_back_in_force()
    {
        var traffic = new Traffic(_http, "ct-reverse-vin");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(1_000_000);
        (await traffic.PostAsync(
            traffic.Contract("lease-1", "mid", vin: "VIN-1", minutesAgo: 30),
            traffic.Contract("buy-1", "performance", kind: "lease_to_purchase", ownership: "purchase", vin: "VIN-1", minutesAgo: 20)))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var both = await _http.CustomerAfterAsync(traffic, 2);
        both["tierProgress"]!["vehicleTier"]!.GetValue<string>().Should().Be("platinum");

        (await traffic.PostAsync(Reversal(traffic, "buy-1-undo", "buy-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var reversed = await Eventually.HoldsAsync(
            () => _http.GetObjectAsync(traffic.CustomerPath()),
            c => c["contracts"]!.AsArray().SingleOrDefault()?["ownership"]?.GetValue<string>() == "lease");
        reversed["contracts"]![0]!["vehicleClass"]!.GetValue<string>().Should().Be("mid");
        reversed["tierProgress"]!["vehicleTier"]!.GetValue<string>().Should().Be("gold");
    }
}
