using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public class LoyaltyPersistenceTests(PostgresServer server)
{
    [Fact]
    public async Task Tiers_balances_contracts_and_referral_claims_survive_a_restart_of_every_process()
    {
        var database = await server.CreateDatabaseAsync("loyalty");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgloyalty");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(1_000_000);
        var accepted = await traffic.PostAsync(
            traffic.Contract("c1", "performance", ownership: "purchase", customer: 1, minutesAgo: 30),
            traffic.Visit("v1", customer: 1, minutesAgo: 20),
            traffic.Accessory("a1", 1_000_000m, customer: 2, minutesAgo: 20),
            traffic.Referral("r1", referrer: 2, referee: 3, minutesAgo: 10));
        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var platinum = await CustomerAsync(engine, traffic, 1, c => c["eventsApplied"]?.GetValue<long>() == 2);
        var gold = await CustomerAsync(engine, traffic, 2, c => c["eventsApplied"]?.GetValue<long>() == 2);
        await CustomerAsync(engine, traffic, 3, c => c["eventsApplied"]?.GetValue<long>() == 1);

        await engine.RestartAllAsync();

        var platinumAfter = await CustomerAsync(engine, traffic, 1, c => c.ContainsKey("tier"));
        platinumAfter["tier"]!.GetValue<string>().Should().Be("platinum", engine.Logs);
        platinumAfter["balance"]!.ToJsonString().Should().Be(platinum["balance"]!.ToJsonString());
        platinumAfter["balance"]!["available"]!.GetValue<long>().Should().Be(40_000 + 750);
        platinumAfter["contracts"]!.AsArray().Single()!["vehicleClass"]!.GetValue<string>().Should().Be("performance");
        var goldAfter = await CustomerAsync(engine, traffic, 2, c => c.ContainsKey("tier"));
        goldAfter["tier"]!.GetValue<string>().Should().Be("gold");
        goldAfter["tierProgress"]!.ToJsonString().Should().Be(gold["tierProgress"]!.ToJsonString());
        goldAfter["balance"]!["available"]!.GetValue<long>().Should().Be(50_000 + 5_000);

        // The analytics read the tier census and the journal as PostgreSQL holds them.
        var analytics = await engine.Http.GetObjectAsync($"/api/v1/analytics/loyalty?dealershipId={traffic.Dealership}");
        analytics["tiers"]!.ToJsonString().Should().Be("""{"silver":1,"gold":1,"platinum":1}""");
        analytics["pointsIssued"]!.GetValue<long>().Should().Be(40_750 + 55_000 + 2_500);

        // The referee's claim is durable: another conversion of them after the restart earns nothing.
        (await traffic.PostAsync(traffic.Referral("r2", referrer: 4, referee: 3))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var otherReferrer = await CustomerAsync(engine, traffic, 4, c => c["eventsApplied"]?.GetValue<long>() == 1);
        otherReferrer["balance"]!["available"]!.GetValue<long>().Should().Be(0);
        (await engine.Http.AvailableAsync(traffic.CustomerPath(3))).Should().Be(2_500);
    }

    [Fact]
    public async Task The_yearly_review_comes_from_the_durable_reminder_alone_after_every_process_restarts()
    {
        var database = await server.CreateDatabaseAsync("tierreview");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgreview");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        // The review falls on the program's today once the calendar has moved 375 days on.
        const int DaysOn = 375;
        var reviewDate = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5.5)).DateTime).AddDays(DaysOn);
        (await engine.Http.PutAsJsonAsync(traffic.CustomerPath() + "/profile", new
        {
            name = "Review Customer", preferences = Array.Empty<string>(), reviewDate = reviewDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).EnsureSuccessStatusCode();
        (await traffic.PostAsync(traffic.Accessory("a1", 1_000_000m))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await CustomerAsync(engine, traffic, 1, c => c["eventsApplied"]?.GetValue<long>() == 1))["tier"]!.GetValue<string>().Should().Be("gold");

        // A year and more on, the 50,000 points no longer qualify; the restarted silo's calendar says so.
        engine.SiloSettings["Program__ClockOffset"] = $"{DaysOn}.00:00:00";
        await engine.RestartAllAsync();

        // Nothing but the sweep's reminder (first tick seconds after the silo starts) reviews the customer.
        var reviewed = await CustomerAsync(engine, traffic, 1, c => c["tier"]?.GetValue<string>() == "silver", TimeSpan.FromSeconds(180));
        reviewed["balance"]!["available"]!.GetValue<long>().Should().Be(50_000, "a review changes the tier, never the points");
        var feed = await engine.Http.GetObjectAsync("/api/v1/notifications?after=0&limit=1000");
        feed["items"]!.AsArray().Should().ContainSingle(n => n!["type"]!.GetValue<string>() == "tier.reviewed", engine.Logs);
    }

    [Fact]
    public async Task A_scoped_desk_reads_only_its_dealerships_notifications_from_the_postgresql_feed()
    {
        var database = await server.CreateDatabaseAsync("feedscope");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var mine = new Traffic(engine.Http, "pgscope");
        var theirs = new Traffic(engine.Http, "pgscope-other");
        mine.Dealership.Should().Be(PostgresEngine.CxDealership);
        foreach (var traffic in new[] { mine, theirs })
        {
            await traffic.RegisterDealershipAsync();
            // A top-up raises a budget.top-up notification for its dealership.
            await traffic.FundBudgetAsync(1_000);
        }

        var all = await engine.HoldsAsync(() => engine.Http.NotificationFeedAsync(), feed => feed.Count >= 2, TimeSpan.FromSeconds(30));
        all.Select(n => n["dealershipId"]!.GetValue<string>()).Should().Contain([mine.Dealership, theirs.Dealership]);

        var seen = await engine.ScopedCx.NotificationFeedAsync();
        seen.Should().NotBeEmpty();
        seen.Select(n => n["dealershipId"]!.GetValue<string>()).Should().OnlyContain(d => d == mine.Dealership, engine.Logs);
    }

    private static Task<JsonObject> CustomerAsync(PostgresEngine engine, Traffic traffic, int customer, Func<JsonObject, bool> until, TimeSpan? timeout = null) =>
        engine.HoldsAsync(() => engine.Http.GetObjectOrEmptyAsync(traffic.CustomerPath(customer)), until, timeout ?? TimeSpan.FromSeconds(60));
}
