using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pitstop.Api.Tests.Loyalty;
using Pitstop.Api.Tests.Recovery;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Versions;

/// <summary>A version changes a recovery award tier for the incidents that open from its <c>effectiveFrom</c>, and not before.</summary>
public class VersionedRecoveryTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_version_changes_the_recovery_award_of_incidents_opening_from_its_effective_instant()
    {
        var traffic = new Traffic(_http, "pvrec");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        var from = engine.In(7);
        await _http.PutVersionAsync(from, p => p["recovery"]!["minorAward"] = 7_000);

        // Two customers: a second incident of the same customer would be a major repeat.
        var before = traffic.DelayedVisit("before", TimeSpan.FromMinutes(150), customer: 1);
        before["occurredAt"] = ProgramVersionHttp.Rfc3339(from.AddSeconds(-1));
        var after = traffic.DelayedVisit("after", TimeSpan.FromMinutes(150), customer: 2);
        after["occurredAt"] = ProgramVersionHttp.Rfc3339(from.AddMinutes(1));
        await traffic.AcceptedAsync(before, after);

        var judgedByOne = await _http.RecoveredAsync("delay:JC-pvrec-before");
        var judgedByTwo = await _http.RecoveredAsync("delay:JC-pvrec-after");
        judgedByOne["severity"]!.GetValue<string>().Should().Be("minor");
        judgedByOne["recovery"]!["points"]!.GetValue<long>().Should().Be(5_000, "the incident opened before version 2: version 1's minor award");
        judgedByTwo["severity"]!.GetValue<string>().Should().Be("minor");
        judgedByTwo["recovery"]!["points"]!.GetValue<long>().Should().Be(7_000, "the incident opened under version 2");
        var entry = await Eventually.HoldsAsync(
            () => _http.GetObjectOrEmptyAsync(traffic.CustomerPath(2) + "/ledger"),
            l => l["items"]?.AsArray().Any(i => i!["explanation"]?["rule"]?.GetValue<string>() == "recovery") == true);
        var recovery = entry["items"]!.AsArray().Single(i => i!["explanation"]?["rule"]?.GetValue<string>() == "recovery")!;
        recovery["points"]!.GetValue<long>().Should().Be(7_000);
        recovery["explanation"]!["programVersion"]!.GetValue<int>().Should().Be(2, "the recovery entry names the version that set its award");
    }
}

/// <summary>A version changes how long the points earned from its <c>effectiveFrom</c> live, and not those earned before.</summary>
public class VersionedLotLifetimeTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task Points_earned_under_a_shorter_lifetime_expire_after_it_and_those_earned_before_keep_theirs()
    {
        var traffic = new Traffic(_http, "pvlife");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(1_000);
        var from = engine.In(7);
        await _http.PutVersionAsync(from, p => p["pointsLifetimeMonths"] = 12);

        await traffic.AcceptedAsync(traffic.AccessoryAt("before", 10_000m, 1, engine.In(-1)));
        (await _http.EarnedAsync(traffic, 1)).Should().Be(500, "earned under version 1: two years");
        engine.Clock.Advance(TimeSpan.FromMinutes(10));
        await traffic.AcceptedAsync(traffic.AccessoryAt("after", 10_000m, 2, from.AddMinutes(1)));
        (await _http.EarnedAsync(traffic, 2)).Should().Be(500, "earned under version 2: one year");

        engine.Clock.Advance(TimeSpan.FromDays(345));
        var earlier = await _http.GetObjectAsync(traffic.CustomerPath(1));
        var later = await _http.GetObjectAsync(traffic.CustomerPath(2));
        earlier["expiringSoon"]!.AsArray().Should().BeEmpty("version 1's points live two years");
        later["expiringSoon"]!.AsArray().Select(e => e!["points"]!.GetValue<long>()).Should().Equal([500], "version 2's points live a year");

        engine.Clock.Advance(TimeSpan.FromDays(25));
        // What the sweep's reminder does on its next tick (hourly, in real time).
        await engine.Grains.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key).SweepAsync();

        (await _http.GetObjectAsync(traffic.CustomerPath(2)))["balance"]!["expired"]!.GetValue<long>().Should().Be(500, "the sweep finds the wallets a shorter lifetime made due");
        var kept = (await _http.GetObjectAsync(traffic.CustomerPath(1)))["balance"]!;
        kept["available"]!.GetValue<long>().Should().Be(500);
        kept["expired"]!.GetValue<long>().Should().Be(0);
    }
}

/// <summary>
/// A silo's copy of the versions trusts itself as far ahead as the intake takes events: a DMS whose
/// clock runs minutes ahead does not make every batch read the versions grain.
/// </summary>
public class ProgramCopyTrustTests(TimeTravelEngine engine) : IClassFixture<TimeTravelEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task Events_dated_minutes_ahead_within_the_intake_s_tolerance_do_not_read_the_versions_per_batch()
    {
        var traffic = new Traffic(_http, "pvtrust");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(3_000);
        var copy = engine.Services.GetRequiredService<Pitstop.Grains.Versions.ProgramVersions>();
        await traffic.AcceptedAsync(traffic.AccessoryAt("warm", 10_000m, 1, engine.Clock.GetUtcNow().AddMinutes(-1)));
        (await _http.EarnedAsync(traffic, 1)).Should().Be(500);
        var reads = copy.Reads;

        // The program clock stands still: only the events' distance ahead could make the copy read.
        for (var customer = 2; customer <= 6; customer++)
        {
            var ahead = DateTimeOffset.UtcNow.AddMinutes(4);
            var response = await traffic.PostAsync(traffic.AccessoryAt($"ahead-{customer}", 10_000m, customer, ahead));
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await _http.EarnedAsync(traffic, customer)).Should().Be(500, "batch {0} is applied before the next is sent", customer);
        }

        copy.Reads.Should().Be(reads, "five batches four minutes ahead lie within the copy's trust: none reads the versions grain");
    }
}

/// <summary>A version changes the spot-award limits from its <c>effectiveFrom</c>: the most one award carries and a giver's monthly allowance.</summary>
public class VersionedSpotAwardTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_version_changes_the_spot_award_limits_from_its_effective_instant_and_not_before()
    {
        var traffic = new Traffic(_http, "pvspot");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(10_000);
        var visit = traffic.VisitCompleted("pvspot-1");
        visit["occurredAt"] = ProgramVersionHttp.Rfc3339(engine.In(-5));
        await traffic.AcceptedAsync(visit);
        var technician = traffic.Staff("T", 2);
        await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync($"/api/v1/staff/{technician}"), s => s["score"]?.GetValue<long>() > 0);
        await _http.PutVersionAsync(engine.In(7), p =>
        {
            p["staffKpi"]!["spotAwardMax"] = 100;
            p["staffKpi"]!["spotAwardMonthlyAllowance"] = 150;
        });

        var before = await _http.PostAsJsonAsync($"/api/v1/staff/{technician}/spot-awards", new { points = 300, reason = "Before the change", idempotencyKey = "pvspot-before" });
        before.StatusCode.Should().Be(HttpStatusCode.Created, "version 1 allows up to 500 points an award");
        (await before.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["allowance"]!.GetValue<long>().Should().Be(5_000);
        engine.Clock.Advance(TimeSpan.FromMinutes(10));

        var tooMany = await _http.PostAsJsonAsync($"/api/v1/staff/{technician}/spot-awards", new { points = 300, reason = "After the change", idempotencyKey = "pvspot-after" });
        await ProblemChecks.ShouldBeProblemAsync(tooMany, "a spot award over version 2's maximum", HttpStatusCode.BadRequest, ownType: true, ["points"]);
        var overAllowance = await _http.PostAsJsonAsync($"/api/v1/staff/{technician}/spot-awards", new { points = 100, reason = "After the change", idempotencyKey = "pvspot-after" });
        overAllowance.StatusCode.Should().Be(HttpStatusCode.Conflict, "300 given this month and 100 more pass version 2's allowance of 150");
    }
}

/// <summary>The job-card watch is scheduled work: it warns by the version in force when it reviews, from that version's <c>effectiveFrom</c>.</summary>
public class VersionedWorkshopTests(ProgramVersionEngine engine) : IClassFixture<ProgramVersionEngine>
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_version_widening_the_sla_warning_makes_the_watch_warn_earlier_from_its_effective_instant()
    {
        var traffic = new Traffic(_http, "pvshop");
        await traffic.RegisterDealershipAsync();
        var from = engine.In(7);
        await _http.PutVersionAsync(from, p => p["workshop"]!["slaWarning"] = "01:00:00");
        var promisedAt = engine.In(50);
        var opened = traffic.Event("pvshop-opened", "service.visit.opened", new System.Text.Json.Nodes.JsonObject
        {
            ["jobCardId"] = "JC-pvshop-1",
            ["customerId"] = traffic.Customer(),
            ["vin"] = "W1K2060421F000001",
            ["advisorId"] = traffic.Staff("A"),
            ["technicianIds"] = new System.Text.Json.Nodes.JsonArray(traffic.Staff("T")),
            ["promisedAt"] = ProgramVersionHttp.Rfc3339(promisedAt),
        });
        opened["occurredAt"] = ProgramVersionHttp.Rfc3339(engine.In(-1));
        await traffic.AcceptedAsync(opened);
        var watch = engine.Grains.GetGrain<Pitstop.Grains.Interfaces.Workshop.IJobCardWatchGrain>(traffic.Dealership);
        await Eventually.HoldsAsync(() => watch.WatchedAsync(), cards => cards.Any(c => c.JobCardId == "JC-pvshop-1"));

        (await watch.ReviewAsync()).Should().Be(0, "50 minutes before the promise: version 1 warns 30 minutes before");
        engine.Clock.Advance(TimeSpan.FromMinutes(10));

        (await watch.ReviewAsync()).Should().Be(1, "40 minutes before the promise, under version 2, which warns an hour before");
        (await watch.WatchedAsync()).Single(c => c.JobCardId == "JC-pvshop-1").ApproachingRaised.Should().BeTrue();
    }
}
