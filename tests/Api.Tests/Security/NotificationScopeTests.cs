using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Security;

/// <summary>
/// The notification feed within scope (api.md: cx reads notifications within scope; regional leads
/// read everything within their states, service heads and workshop managers within their dealerships).
/// </summary>
[Collection(EngineCollection.Name)]
public class NotificationScopeTests(EmbeddedEngine engine)
{
    private readonly HttpClient _admin = engine.CreateClient();

    private HttpClient Cx(params string[] dealerships) => Bearer("cx", dealerships);

    private HttpClient Bearer(string role, params string[] dealerships)
    {
        var client = engine.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthorizationTests.Token($"scope-{role}", role, TestCredentials.JwtSigningKey, dealerships));
        return client;
    }

    [Fact]
    public async Task A_regional_lead_reads_the_notifications_of_its_states_only()
    {
        var kerala = new Traffic(_admin, "notescope-lead-kl");
        var karnataka = new Traffic(_admin, "notescope-lead-ka");
        await kerala.RegisterDealershipAsync("KL");
        await karnataka.RegisterDealershipAsync("KA");
        await kerala.FundBudgetAsync(1_000);
        await karnataka.FundBudgetAsync(1_000);
        await Eventually.HoldsAsync(() => _admin.NotificationFeedAsync(), all => all.Exists(n => n["dealershipId"]?.GetValue<string>() == karnataka.Dealership));

        var seen = await engine.CreateClientWithKey(TestCredentials.RegionalLeadKeralaKey).NotificationFeedAsync();

        seen.Select(n => n["dealershipId"]?.GetValue<string>()).Should().Contain(kerala.Dealership).And.NotContain(karnataka.Dealership);
    }

    [Theory]
    [InlineData("service-head")]
    [InlineData("workshop-manager")]
    public async Task A_dealership_s_head_reads_the_notifications_of_its_dealerships_only(string role)
    {
        var mine = new Traffic(_admin, $"notescope-{role}-mine");
        var theirs = new Traffic(_admin, $"notescope-{role}-theirs");
        foreach (var traffic in new[] { mine, theirs })
        {
            await traffic.RegisterDealershipAsync();
            await traffic.FundBudgetAsync(1_000);
        }

        await Eventually.HoldsAsync(() => _admin.NotificationFeedAsync(), all => all.Exists(n => n["dealershipId"]?.GetValue<string>() == theirs.Dealership));

        var seen = await Bearer(role, mine.Dealership).NotificationFeedAsync();

        seen.Should().NotBeEmpty();
        seen.Select(n => n["dealershipId"]?.GetValue<string>()).Should().OnlyContain(d => d == mine.Dealership);
    }

    [Fact]
    public async Task A_scoped_cx_reads_only_the_notifications_of_its_dealerships()
    {
        var mine = new Traffic(_admin, "notescope-mine");
        var theirs = new Traffic(_admin, "notescope-theirs");
        foreach (var traffic in new[] { mine, theirs })
        {
            await traffic.RegisterDealershipAsync();
            // A top-up raises a budget.top-up notification for the dealership.
            await traffic.FundBudgetAsync(1_000);
        }

        await Eventually.HoldsAsync(() => _admin.NotificationFeedAsync(), all => all.Exists(n => n["dealershipId"]?.GetValue<string>() == theirs.Dealership));

        var seen = await Cx(mine.Dealership).NotificationFeedAsync();

        seen.Should().NotBeEmpty();
        seen.Select(n => n["dealershipId"]?.GetValue<string>()).Should().OnlyContain(d => d == mine.Dealership);
        (await engine.CreateClientWithKey(TestCredentials.CxKey).NotificationFeedAsync())
            .Should().Contain(n => n["dealershipId"]!.GetValue<string>() == theirs.Dealership, "an unscoped cx reads the whole feed");
    }

    [Fact]
    public async Task A_scoped_page_moves_the_cursor_to_the_last_notification_it_shows()
    {
        var mine = new Traffic(_admin, "notescope-cursor");
        await mine.RegisterDealershipAsync();
        await mine.FundBudgetAsync(2_000);
        (await _admin.PostAsJsonAsync("/api/v1/pool/mint", new { points = 500, reason = "second", idempotencyKey = "notescope-cursor-mint-2" })).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync($"/api/v1/dealerships/{mine.Dealership}/budget/top-ups", new { points = 500, reason = "second", idempotencyKey = "notescope-cursor-2" }))
            .EnsureSuccessStatusCode();
        var cx = Cx(mine.Dealership);
        await Eventually.HoldsAsync(() => cx.NotificationFeedAsync(), all => all.Count == 2);

        var first = await cx.GetObjectAsync("/api/v1/notifications?after=0&limit=1");
        var next = first["next"]!.GetValue<string>();
        first["items"]![0]!["seq"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture).Should().Be(next);
        var second = await cx.GetObjectAsync($"/api/v1/notifications?after={next}&limit=1000");
        var seqs = second["items"]!.AsArray().Select(n => n!["seq"]!.GetValue<long>()).ToList();
        seqs.Should().ContainSingle().Which.Should().BeGreaterThan(long.Parse(next, CultureInfo.InvariantCulture));
        second["items"]![0]!["data"]!["points"]!.GetValue<string>().Should().Be("500");
    }
}
