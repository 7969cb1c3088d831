using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Simulation;

/// <summary>
/// What-if replays of a generated month (<see cref="SimulatedMonth"/>): under the program in force a
/// replay reproduces every real ledger; it touches nothing real; a candidate that doubles the
/// points of a scheduled visit doubles the customers' visit points and changes nothing else.
/// </summary>
[Collection(SimulationCollection.Name)]
public class SimulationTests(SimulatedMonth month)
{
    private readonly HttpClient _admin = month.CreateClient();

    private static readonly string From = DateTimeOffset.UtcNow.AddDays(-40).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly string To = DateTimeOffset.UtcNow.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Under_the_program_in_force_a_replay_reproduces_every_members_ledger_entry_for_entry_and_the_boards()
    {
        var simulation = await CompletedAsync(await ProgramAsync());

        var members = month.Network.SelectMany(t => Enumerable.Range(1, SimulatedMonth.CustomersEach).Select(c => ("customer", t.Customer(c)))
            .Concat([("staff", t.Staff("A")), ("staff", t.Staff("T", 1)), ("staff", t.Staff("T", 2))])).ToList();
        var compared = 0;
        foreach (var (kind, id) in members)
        {
            var real = await _admin.GetObjectOrEmptyAsync($"/api/v1/{(kind == "customer" ? "customers" : "staff")}/{id}/ledger?limit=1000");
            var replayed = await _admin.GetObjectAsync($"/api/v1/program/simulations/{simulation}/ledger?member={kind}:{id}&program=in-force");
            var realLines = Lines(real);
            // Entry for entry by id: the journal's order of awards that arrive from different grains
            // (an incident's recovery points, a visit's points) follows delivery, in the engine as in a replay.
            Lines(replayed).OrderBy(l => l.Id, StringComparer.Ordinal).Should().Equal(
                realLines.OrderBy(l => l.Id, StringComparer.Ordinal), $"{kind} {id}'s ledger replays entry for entry");
            compared += realLines.Count;
        }

        compared.Should().BeGreaterThan(SimulatedMonth.Dealerships * 30, "every visit paid its customer at least");

        // The boards of the last month, as the replay ranks them, are the engine's.
        var inForce = (await _admin.GetObjectAsync($"/api/v1/program/simulations/{simulation}"))["inForce"]!["boards"]!.AsArray();
        var placed = 0;
        foreach (var (role, scope) in month.Network.SelectMany(t => new[] { ("technician", $"dealership:{t.Dealership}"), ("advisor", $"dealership:{t.Dealership}") })
            .Append(("technician", "state:KA")).Append(("technician", "national")))
        {
            var real = await _admin.GetObjectAsync($"/api/v1/leaderboards/{role}?scope={scope}&top=10");
            var replayed = inForce.SingleOrDefault(b => b!["role"]!.GetValue<string>() == role && b["scope"]!.GetValue<string>() == scope);
            real["period"]!.GetValue<string>().Should().Be(replayed?["month"]?.GetValue<string>() ?? real["period"]!.GetValue<string>());
            var replayedTop = (replayed?["top"]?.AsArray() ?? []).Select(p => (p!["staffId"]!.GetValue<string>(), p["score"]!.GetValue<long>()));
            replayedTop.Should().Equal(real["entries"]!.AsArray().Select(e => (e!["staffId"]!.GetValue<string>(), e["score"]!.GetValue<long>())), $"the {role} board of {scope}");
            placed += real["entries"]!.AsArray().Count;
        }

        placed.Should().BeGreaterThan(month.Network.Count * 3, "every dealership's technicians and advisor are on its boards");
    }

    [Fact]
    public async Task A_replay_touches_no_real_balance_budget_board_notification_or_journal()
    {
        var audit = await _admin.GetObjectAsync("/api/v1/admin/audit");
        var feed = await _admin.NotificationFeedAsync();
        var board = await _admin.GetObjectAsync($"/api/v1/leaderboards/technician?scope=dealership:{month.Network[0].Dealership}");
        var budget = await _admin.GetObjectAsync($"/api/v1/dealerships/{month.Network[0].Dealership}/budget");
        var customer = await _admin.GetObjectAsync(month.Network[0].CustomerPath());

        await CompletedAsync(await ProgramAsync());

        (await _admin.GetObjectAsync("/api/v1/admin/audit")).ToJsonString().Should().Be(audit.ToJsonString());
        (await _admin.NotificationFeedAsync()).Should().HaveCount(feed.Count);
        (await _admin.GetObjectAsync($"/api/v1/leaderboards/technician?scope=dealership:{month.Network[0].Dealership}")).ToJsonString().Should().Be(board.ToJsonString());
        (await _admin.GetObjectAsync($"/api/v1/dealerships/{month.Network[0].Dealership}/budget")).ToJsonString().Should().Be(budget.ToJsonString());
        (await _admin.GetObjectAsync(month.Network[0].CustomerPath())).ToJsonString().Should().Be(customer.ToJsonString());
    }

    [Fact]
    public async Task Doubling_a_scheduled_visits_points_doubles_the_customers_visit_points_and_nothing_else()
    {
        var program = await ProgramAsync();
        var visit = program["customerEarning"]!["scheduledVisit"]!.GetValue<int>();
        program["customerEarning"]!["scheduledVisit"] = visit * 2;

        var simulation = await _admin.GetObjectAsync($"/api/v1/program/simulations/{await CompletedAsync(program)}");

        var inForce = simulation["inForce"]!;
        var candidate = simulation["candidate"]!;
        var visits = inForce["customerPointsByKind"]!["service.visit.completed"]!.GetValue<long>();
        visits.Should().Be(SimulatedMonth.Dealerships * 30 * visit, "one scheduled visit a day at each dealership, all silver");
        candidate["customerPointsByKind"]!["service.visit.completed"]!.GetValue<long>().Should().Be(2 * visits);
        candidate["customerPointsByKind"]!["sale.accessory.completed"]!.GetValue<long>().Should().Be(inForce["customerPointsByKind"]!["sale.accessory.completed"]!.GetValue<long>());
        candidate["staffPointsByKind"]!.ToJsonString().Should().Be(inForce["staffPointsByKind"]!.ToJsonString());
        var drawn = month.Network.Sum(t => candidate["budgetDrawn"]![t.Dealership]!.GetValue<long>() - inForce["budgetDrawn"]![t.Dealership]!.GetValue<long>());
        drawn.Should().Be(visits, "the budgets paid the extra visit points");
        simulation["replayed"]!.GetValue<int>().Should().Be(2 * month.Events);
        simulation["total"]!.GetValue<int>().Should().Be(2 * month.Events);
    }

    [Fact]
    public async Task A_bad_program_is_refused_naming_its_field_and_an_unknown_simulation_is_not_found()
    {
        var program = await ProgramAsync();
        program["recovery"]!["minorAward"] = -5;

        var negative = await _admin.PostAsJsonAsync("/api/v1/program/simulations", new JsonObject { ["program"] = program, ["from"] = From, ["to"] = To });
        var mistyped = await ProgramAsync();
        mistyped["tiers"]!["goldPoints"] = "many";
        var refused = await _admin.PostAsJsonAsync("/api/v1/program/simulations", new JsonObject { ["program"] = mistyped, ["from"] = To, ["to"] = From });

        await ProblemChecks.ShouldBeProblemAsync(negative, "simulate a negative award", HttpStatusCode.BadRequest, ownType: true, ["program.recovery.minorAward"]);
        await ProblemChecks.ShouldBeProblemAsync(refused, "simulate a word for a number", HttpStatusCode.BadRequest, ownType: true, ["program.tiers.goldPoints", "to"]);
        var misspelt = await _admin.PostAsJsonAsync("/api/v1/program/simulations", new JsonObject
        {
            ["program"] = new JsonObject { ["customerEarning"] = new JsonObject { ["scheduledVist"] = 1_000 } }, ["from"] = From, ["to"] = To,
        });
        await ProblemChecks.ShouldBeProblemAsync(misspelt, "simulate a misspelt setting", HttpStatusCode.BadRequest, ownType: true, ["program.customerEarning.scheduledVist"]);
        await ProblemChecks.ShouldBeProblemAsync(await _admin.GetAsync("/api/v1/program/simulations/SIM-none"), "read an unknown simulation", HttpStatusCode.NotFound, ownType: true, []);
    }

    [Fact]
    public async Task A_queued_simulation_is_cancelled_and_the_list_shows_the_newest_first()
    {
        var program = await ProgramAsync();
        var first = await StartAsync(program);
        // One simulation replays at a time: the second waits behind the first, which starts a silo.
        var second = await StartAsync(program);

        var cancelled = await _admin.DeleteAsync($"/api/v1/program/simulations/{second}");

        cancelled.StatusCode.Should().Be(HttpStatusCode.OK);
        var list = await _admin.GetObjectAsync("/api/v1/program/simulations");
        list["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().ContainInOrder(second, first);
        var ended = await Eventually.HoldsAsync(
            () => _admin.GetObjectAsync($"/api/v1/program/simulations/{second}"), s => s["state"]!.GetValue<string>() is not ("queued" or "running"));
        ended["state"]!.GetValue<string>().Should().Be("cancelled");
        ended["candidate"].Should().BeNull();
        await Eventually.HoldsAsync(
            () => _admin.GetObjectAsync($"/api/v1/program/simulations/{first}"), s => s["state"]!.GetValue<string>() == "completed", TimeSpan.FromMinutes(5));
    }

    private async Task<JsonObject> ProgramAsync() => await _admin.GetObjectAsync("/api/v1/program");

    /// <summary>Starts a simulation of the month under <paramref name="program"/> and waits for it to complete; its id.</summary>
    private async Task<string> CompletedAsync(JsonObject program)
    {
        var id = await StartAsync(program);
        var done = await Eventually.HoldsAsync(
            () => _admin.GetObjectAsync($"/api/v1/program/simulations/{id}"), s => s["state"]!.GetValue<string>() is not ("queued" or "running"), TimeSpan.FromMinutes(5));
        done["state"]!.GetValue<string>().Should().Be("completed", done["error"]?.ToString());
        return id;
    }

    private async Task<string> StartAsync(JsonObject program)
    {
        var started = await _admin.PostAsJsonAsync("/api/v1/program/simulations", new JsonObject { ["program"] = program.DeepClone(), ["from"] = From, ["to"] = To });
        started.StatusCode.Should().Be(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static List<(string Id, string Kind, long Points)> Lines(JsonObject ledger) =>
        [.. (ledger["items"]?.AsArray() ?? []).Select(l => (l!["id"]!.GetValue<string>(), l["kind"]!.GetValue<string>(), l["points"]!.GetValue<long>()))];
}

[CollectionDefinition(Name)]
public sealed class SimulationCollection : ICollectionFixture<SimulatedMonth>
{
    public const string Name = "simulated month";
}
