using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>
/// Challenges as data (program.md; issue 24 item 6): created, scheduled, edited and closed through
/// the API on a running engine, judging each event by its time and dealership, paying once.
/// </summary>
[Collection(ChallengeCollection.Name)]
public class ChallengeTests(ChallengeEngine engine)
{
    private static readonly TimeSpan India = TimeSpan.FromHours(5.5);

    private readonly HttpClient _http = engine.CreateClient();

    private DateTimeOffset Now => engine.Clock.GetUtcNow();

    private DateOnly Today => DateOnly.FromDateTime(Now.ToOffset(India).DateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Rfc(DateTimeOffset time) => time.ToOffset(India).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>An on-time, first-time-fixed visit of the traffic's technician 1, occurring at <paramref name="at"/> (program time).</summary>
    private static JsonObject VisitAt(Traffic traffic, string id, DateTimeOffset at)
    {
        var visit = traffic.VisitCompleted(id);
        visit["occurredAt"] = Rfc(at);
        visit["data"]!["promisedAt"] = Rfc(at.AddMinutes(-50));
        visit["data"]!["deliveredAt"] = Rfc(at.AddMinutes(-80));
        visit["data"]!["technicianIds"] = new JsonArray(traffic.Staff("T"));
        return visit;
    }

    // The tests share one engine: a challenge wider than a test's own dealership counts upsells,
    // which no test's visits make, unless it runs in a state that no other test's dealership is in.
    private static object Body(
        string id, string scope, DateOnly from, DateOnly to, string? dealershipId = null, string? state = null, int target = 2, int points = 500, string kpi = "on-time") =>
        new { challengeId = id, title = $"Challenge {id}", kpi, target, points, scope, dealershipId, state, from = Day(from), to = Day(to) };

    private async Task<Traffic> DealershipAsync(string prefix, string state = "KA")
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync(state);
        await traffic.FundBudgetAsync(100_000);
        return traffic;
    }

    private async Task<JsonObject> StaffAfterAsync(string staffId, long eventsApplied) =>
        await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync($"/api/v1/staff/{staffId}"), s => s["eventsApplied"]?.GetValue<long>() == eventsApplied);

    private static JsonObject? ProgressIn(JsonObject staff, string challengeId) =>
        staff["challengeProgress"]!.AsArray().Select(p => p!.AsObject()).SingleOrDefault(p => p["challengeId"]!.GetValue<string>() == challengeId);

    private async Task<List<JsonObject>> ChallengeLedgerLinesAsync(string staffId, string challengeId) =>
        [.. (await _http.GetObjectAsync($"/api/v1/staff/{staffId}/ledger?limit=100"))["items"]!.AsArray().Select(l => l!.AsObject())
            .Where(l => l["sourceEventId"]?.GetValue<string>().StartsWith($"challenge:{challengeId}:", StringComparison.Ordinal) == true)];

    [Fact]
    public async Task A_challenge_created_on_the_running_engine_is_completed_by_its_target_paid_once_and_notified_with_progress_shown()
    {
        var traffic = await DealershipAsync("chl-create");
        var technician = traffic.Staff("T");
        var created = await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-create", "dealership", Today, Today.AddDays(10), dealershipId: traffic.Dealership));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().Should().Be("/api/v1/challenges/chl-create");

        (await traffic.PostAsync(VisitAt(traffic, "chl-create-v1", Now.AddMinutes(-10)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var one = ProgressIn(await StaffAfterAsync(technician, 1), "chl-create")!;
        (one["count"]!.GetValue<int>(), one["target"]!.GetValue<int>(), one["completed"]!.GetValue<bool>()).Should().Be((1, 2, false));

        (await traffic.PostAsync(VisitAt(traffic, "chl-create-v2", Now.AddMinutes(-9)), VisitAt(traffic, "chl-create-v3", Now.AddMinutes(-8))))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var three = await StaffAfterAsync(technician, 3);

        var progress = ProgressIn(three, "chl-create")!;
        (progress["count"]!.GetValue<int>(), progress["completed"]!.GetValue<bool>(), progress["title"]!.GetValue<string>()).Should().Be((3, true, "Challenge chl-create"));
        three["challenges"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("chl-create");
        three["score"]!.GetValue<long>().Should().Be((3 * 192) + 500, "three visits and the challenge's points, once");
        var paid = await ChallengeLedgerLinesAsync(technician, "chl-create");
        paid.Should().ContainSingle().Which["points"]!.GetValue<long>().Should().Be(500);
        var notices = (await _http.NotificationFeedAsync()).Where(n =>
            n["type"]!.GetValue<string>() == "league.challenge-completed" && n["target"]!.GetValue<string>() == $"staff:{technician}").ToList();
        notices.Should().ContainSingle().Which["data"]!["challenge"]!.GetValue<string>().Should().Be("chl-create");
        (await _http.GetObjectAsync("/api/v1/challenges/chl-create"))["status"]!.GetValue<string>().Should().Be("running");
    }

    [Fact]
    public async Task Another_dealership_s_challenge_counts_none_of_a_member_s_events()
    {
        var mine = await DealershipAsync("chl-mine", "GA");
        var other = new Traffic(_http, "chl-other");
        await other.RegisterDealershipAsync();
        (await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-other", "dealership", Today, Today.AddDays(10), dealershipId: other.Dealership, target: 1)))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-ga", "state", Today, Today.AddDays(10), state: "GA", target: 1)))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        (await mine.PostAsync(VisitAt(mine, "chl-mine-v1", Now.AddMinutes(-10)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var staff = await StaffAfterAsync(mine.Staff("T"), 1);

        ProgressIn(staff, "chl-other").Should().BeNull("the challenge runs in another dealership");
        ProgressIn(staff, "chl-ga")!["completed"]!.GetValue<bool>().Should().BeTrue("the member's dealership is in Goa");
        (await ChallengeLedgerLinesAsync(mine.Staff("T"), "chl-other")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_scheduled_challenge_counts_nothing_before_its_first_day_and_an_edit_before_it_starts_takes_effect_at_once()
    {
        var traffic = await DealershipAsync("chl-later");
        var technician = traffic.Staff("T");
        var tomorrow = Today.AddDays(1);
        (await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-later", "dealership", tomorrow, tomorrow.AddDays(5), dealershipId: traffic.Dealership, target: 1)))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await _http.GetObjectAsync("/api/v1/challenges/chl-later"))["status"]!.GetValue<string>().Should().Be("scheduled");

        (await traffic.PostAsync(VisitAt(traffic, "chl-later-v1", Now.AddMinutes(-10)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var before = await StaffAfterAsync(technician, 1);
        ProgressIn(before, "chl-later").Should().BeNull("it is not in force yet");
        before["score"]!.GetValue<long>().Should().Be(192);

        // Not started yet, so anything may change: brought forward to today, it counts the next visit.
        var edited = await _http.PutAsJsonAsync("/api/v1/challenges/chl-later", Body("chl-later", "dealership", Today, tomorrow.AddDays(5), dealershipId: traffic.Dealership, target: 1));
        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        (await traffic.PostAsync(VisitAt(traffic, "chl-later-v2", Now.AddMinutes(-5)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var after = await StaffAfterAsync(technician, 2);

        var progress = ProgressIn(after, "chl-later")!;
        (progress["count"]!.GetValue<int>(), progress["completed"]!.GetValue<bool>()).Should().Be((1, true), "the visit judged before the challenge was in force stays uncounted");
        (await ChallengeLedgerLinesAsync(technician, "chl-later")).Should().ContainSingle();
        after["score"]!.GetValue<long>().Should().Be((2 * 192) + 500);
    }

    [Fact]
    public async Task Closing_a_challenge_stops_it_counting_and_what_it_paid_stays_paid()
    {
        var traffic = await DealershipAsync("chl-close");
        var done = traffic.Staff("T", 1);
        var halfway = traffic.Staff("T", 2);
        (await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-close", "dealership", Today, Today.AddDays(10), dealershipId: traffic.Dealership)))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var visit1 = VisitAt(traffic, "chl-close-v1", Now.AddMinutes(-10));
        visit1["data"]!["technicianIds"] = new JsonArray(done, halfway);
        (await traffic.PostAsync(visit1, VisitAt(traffic, "chl-close-v2", Now.AddMinutes(-9)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await StaffAfterAsync(done, 2);
        await StaffAfterAsync(halfway, 1);
        (await ChallengeLedgerLinesAsync(done, "chl-close")).Should().ContainSingle();

        var closed = await _http.PostAsync("/api/v1/challenges/chl-close/close", null);
        closed.StatusCode.Should().Be(HttpStatusCode.OK);
        var closedBody = (await closed.Content.ReadFromJsonAsync<JsonObject>())!;
        closedBody["status"]!.GetValue<string>().Should().Be("closed");
        closedBody["closedAt"].Should().NotBeNull();
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        var late = VisitAt(traffic, "chl-close-v3", Now);
        late["data"]!["technicianIds"] = new JsonArray(halfway);
        (await traffic.PostAsync(late)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var after = await StaffAfterAsync(halfway, 2);
        ProgressIn(after, "chl-close").Should().BeNull("a closed challenge is no longer in force");
        after["score"]!.GetValue<long>().Should().Be(2 * 192, "the visit after the close completed nothing");
        (await ChallengeLedgerLinesAsync(halfway, "chl-close")).Should().BeEmpty();
        (await ChallengeLedgerLinesAsync(done, "chl-close")).Should().ContainSingle("what was paid before the close stays paid");
        (await _http.PostAsync("/api/v1/challenges/chl-close/close", null)).StatusCode.Should().Be(HttpStatusCode.OK, "closing again changes nothing");
        var edit = await _http.PutAsJsonAsync("/api/v1/challenges/chl-close", Body("chl-close", "dealership", Today, Today.AddDays(20), dealershipId: traffic.Dealership));
        await ProblemChecks.ShouldBeProblemAsync(edit, "PUT a closed challenge", HttpStatusCode.Conflict, ownType: true, []);
    }

    [Fact]
    public async Task Once_started_a_challenge_keeps_its_target_and_points_but_takes_a_new_title_and_last_day()
    {
        var traffic = new Traffic(_http, "chl-edit");
        await traffic.RegisterDealershipAsync();
        (await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-edit", "national", Today, Today.AddDays(10), kpi: "upsell"))).StatusCode.Should().Be(HttpStatusCode.Created);

        var refused = await _http.PutAsJsonAsync("/api/v1/challenges/chl-edit", Body("chl-edit", "national", Today, Today.AddDays(10), target: 3, points: 900, kpi: "upsell"));
        await ProblemChecks.ShouldBeProblemAsync(refused, "PUT a started challenge's target and points", HttpStatusCode.Conflict, ownType: true, ["target", "points"]);

        var renamed = await _http.PutAsJsonAsync("/api/v1/challenges/chl-edit", new
        {
            title = "Renamed", kpi = "upsell", target = 2, points = 500, scope = "national", from = Day(Today), to = Day(Today.AddDays(20)),
        });
        renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        var stored = await _http.GetObjectAsync("/api/v1/challenges/chl-edit");
        (stored["title"]!.GetValue<string>(), stored["to"]!.GetValue<string>(), stored["target"]!.GetValue<int>()).Should().Be(("Renamed", Day(Today.AddDays(20)), 2));
    }

    [Fact]
    public async Task A_challenge_with_a_field_at_fault_is_refused_naming_the_field_and_the_same_one_sent_again_is_no_change()
    {
        var traffic = new Traffic(_http, "chl-bad");
        await traffic.RegisterDealershipAsync();
        var from = Today;
        var cases = new (object Body, string Field)[]
        {
            (new { challengeId = "bad-1", title = "t", kpi = "speed", target = 2, points = 5, scope = "national", from = Day(from), to = Day(from) }, "kpi"),
            (new { challengeId = "bad-2", title = "t", kpi = "upsell", target = 0, points = 5, scope = "national", from = Day(from), to = Day(from) }, "target"),
            (new { challengeId = "bad-3", title = "t", kpi = "upsell", target = 2, points = 5_000_000, scope = "national", from = Day(from), to = Day(from) }, "points"),
            (new { challengeId = "bad-4", title = "t", kpi = "upsell", target = 2, points = -1, scope = "national", from = Day(from), to = Day(from) }, "points"),
            (new { challengeId = "bad-5", title = "t", kpi = "upsell", target = 2, points = 5, scope = "national", from = Day(from.AddDays(3)), to = Day(from) }, "to"),
            (new { challengeId = "bad-6", title = "t", kpi = "upsell", target = 2, points = 5, scope = "dealership", dealershipId = "DLR-nowhere", from = Day(from), to = Day(from) }, "dealershipId"),
            (new { challengeId = "bad-7", title = "t", kpi = "upsell", target = 2, points = 5, scope = "state", state = "ZZ", from = Day(from), to = Day(from) }, "state"),
            (new { challengeId = "bad-8", title = "t", kpi = "upsell", target = 2, points = 5, scope = "national", dealershipId = traffic.Dealership, from = Day(from), to = Day(from) }, "dealershipId"),
            (new { challengeId = "bad-9", title = "t", kpi = "upsell", target = 2, points = 5, scope = "dealership", from = Day(from), to = Day(from) }, "dealershipId"),
            (new { challengeId = "bad-10", title = "t", kpi = "upsell", target = 2, points = 5, scope = "region", from = Day(from), to = Day(from) }, "scope"),
            (new { challengeId = "bad-11", title = "t", kpi = "upsell", target = 2, points = 5, scope = "national", from = "30-11-2026", to = Day(from) }, "from"),
            (new { challengeId = "bad 12", title = "t", kpi = "upsell", target = 2, points = 5, scope = "national", from = Day(from), to = Day(from) }, "challengeId"),
        };
        foreach (var (body, field) in cases)
        {
            var response = await _http.PostAsJsonAsync("/api/v1/challenges", body);
            await ProblemChecks.ShouldBeProblemAsync(response, $"POST a challenge with a bad {field}", HttpStatusCode.BadRequest, ownType: true, [field]);
        }

        var good = Body("chl-bad", "state", from, from.AddDays(3), state: "KA", kpi: "upsell");
        (await _http.PostAsJsonAsync("/api/v1/challenges", good)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await _http.PostAsJsonAsync("/api/v1/challenges", good)).StatusCode.Should().Be(HttpStatusCode.OK);
        var different = await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-bad", "national", from, from.AddDays(3), kpi: "upsell"));
        await ProblemChecks.ShouldBeProblemAsync(different, "POST another challenge under a taken id", HttpStatusCode.Conflict, ownType: true, []);
        (await _http.GetAsync("/api/v1/challenges/chl-missing")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _http.PostAsync("/api/v1/challenges/chl-missing/close", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Scoped_readers_see_the_challenges_that_run_where_they_may_look_and_only_admins_write()
    {
        var managed = new Traffic(_http, "authz");
        managed.Dealership.Should().Be(TestCredentials.ManagedDealership);
        await managed.RegisterDealershipAsync();
        var other = new Traffic(_http, "chl-scope-other");
        await other.RegisterDealershipAsync("MH");
        (await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-scope-mine", "dealership", Today, Today.AddDays(3), dealershipId: managed.Dealership))).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-scope-other", "dealership", Today, Today.AddDays(3), dealershipId: other.Dealership))).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-scope-mh", "state", Today, Today.AddDays(3), state: "MH", kpi: "upsell"))).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync("/api/v1/challenges", Body("chl-scope-all", "national", Today, Today.AddDays(3), kpi: "upsell"))).EnsureSuccessStatusCode();
        var manager = engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey);

        var seen = (await manager.GetFromJsonAsync<JsonArray>("/api/v1/challenges"))!.Select(c => c!["challengeId"]!.GetValue<string>()).ToList();

        seen.Should().Contain(["chl-scope-mine", "chl-scope-all"]).And.NotContain(["chl-scope-other", "chl-scope-mh"]);
        (await manager.GetAsync("/api/v1/challenges/chl-scope-other")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.GetAsync("/api/v1/challenges/chl-scope-missing")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a 404 would tell what exists");
        (await manager.PostAsJsonAsync("/api/v1/challenges", Body("chl-scope-by-manager", "national", Today, Today, kpi: "upsell"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.PostAsync("/api/v1/challenges/chl-scope-mine/close", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
