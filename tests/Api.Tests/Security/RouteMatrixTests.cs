using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Pitstop.Api.Tests.Recovery;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Security;

/// <summary>
/// Every route of the API × every role of api.md × data in and out of the caller's scope: 401
/// without a credential; 403 for a role the route does not admit and for data outside the caller's
/// scope; the route's success answer otherwise. One row per route in <see cref="Routes"/>; a route
/// the app maps without a row fails <see cref="Every_api_route_has_a_row_in_the_matrix"/>.
/// </summary>
[Collection(EngineCollection.Name)]
public class RouteMatrixTests(EmbeddedEngine engine)
{
    private const string Karnataka = TestCredentials.ManagedDealership;
    private const string Item = "ITEM-matrix";

    private static readonly ConditionalWeakTable<EmbeddedEngine, Task<IReadOnlyDictionary<Target, Records>>> Prepared = [];

    private static readonly string[] Everyone = ["ingest", "admin", "regional-lead", "service-head", "workshop-manager", "cx", "viewer"];
    private static readonly string[] Admin = ["admin"];
    private static readonly string[] Ingest = ["ingest", "admin"];
    private static readonly string[] ScopedReaders = ["admin", "regional-lead", "service-head", "workshop-manager"];
    private static readonly string[] MemberReaders = [.. ScopedReaders, "viewer"];
    private static readonly string[] RecoveryReaders = [.. ScopedReaders, "cx"];
    private static readonly string[] LeagueReaders = [.. RecoveryReaders, "viewer"];

    /// <summary>Whose data a request is about: the managed Karnataka dealership's, or a Kerala one's.</summary>
    public enum Target { Karnataka, Kerala }

    /// <summary>
    /// How a route treats data outside the caller's scope: refuses it (403), leaves it out of the
    /// answer (or, for events, rejects it event by event) and answers as usual, or has none.
    /// </summary>
    private enum Scope { Refused, Filtered, None }

    /// <summary>The records of one dealership that the routes are asked about.</summary>
    private sealed record Records(
        string Dealership, string State, string Customer, string Staff, string Incident, string ToFulfil, string ToCancel, string Policy, string Batch);

    /// <summary>
    /// A route: the request for a dealership's records, the roles it admits, what it answers an
    /// admitted caller in scope, and — for member routes a viewer may call — whose record is "their own".
    /// A live stream (<paramref name="Streams"/>) is judged by its status: its body never ends.
    /// </summary>
    private sealed record Route(
        Func<Records, string> Path, Func<Records, string>? Body, string[] Roles, HttpStatusCode Success, Scope Scope = Scope.Refused, Member? Own = null,
        string ContentType = "application/json", bool Streams = false);

    private enum Member { Customer, Staff }

    /// <summary>A caller: its role (null: no credential), which of the two dealerships it covers, and the member a viewer is.</summary>
    private sealed record CallerKind(string? Role, bool CoversKarnataka, bool CoversKerala, Member? Is = null);

    private static readonly Dictionary<string, Route> Routes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/events"] = new(_ => "/api/v1/events", d => d.Batch, Ingest, HttpStatusCode.Accepted, Scope.Filtered),
        ["PUT /api/v1/dealerships/{id}"] = new(d => $"/api/v1/dealerships/{d.Dealership}", d => $$"""{"name":"Pitstop {{d.Dealership["DLR-".Length..]}}","city":"Bengaluru","state":"{{d.State}}","region":"south"}""", Admin, HttpStatusCode.OK),
        ["GET /api/v1/dealerships/{id}"] = new(d => $"/api/v1/dealerships/{d.Dealership}", null, ScopedReaders, HttpStatusCode.OK),
        ["GET /api/v1/customers/{id}"] = new(d => $"/api/v1/customers/{d.Customer}", null, MemberReaders, HttpStatusCode.OK, Own: Member.Customer),
        ["PUT /api/v1/customers/{id}/profile"] = new(d => $"/api/v1/customers/{d.Customer}/profile", _ => """{"name":"Matrix Customer","preferences":["dining"]}""", Admin, HttpStatusCode.OK),
        ["PUT /api/v1/staff/{id}"] = new(d => $"/api/v1/staff/{d.Staff}", d => $$"""{"name":"Matrix Technician","role":"technician","dealershipId":"{{d.Dealership}}"}""", Admin, HttpStatusCode.OK),
        ["GET /api/v1/staff/{id}"] = new(d => $"/api/v1/staff/{d.Staff}", null, MemberReaders, HttpStatusCode.OK, Own: Member.Staff),
        ["GET /api/v1/customers/{id}/ledger"] = new(d => $"/api/v1/customers/{d.Customer}/ledger", null, MemberReaders, HttpStatusCode.OK, Own: Member.Customer),
        ["GET /api/v1/customers/{id}/referral-code"] = new(d => $"/api/v1/customers/{d.Customer}/referral-code", null, MemberReaders, HttpStatusCode.OK, Own: Member.Customer),
        ["GET /api/v1/staff/{id}/ledger"] = new(d => $"/api/v1/staff/{d.Staff}/ledger", null, MemberReaders, HttpStatusCode.OK, Own: Member.Staff),
        // Points are spent by the member themself or by an admin for them, never by a reader of the record.
        ["POST /api/v1/customers/{id}/redemptions"] = new(d => $"/api/v1/customers/{d.Customer}/redemptions", _ => Redeem, ["admin", "viewer"], HttpStatusCode.Created, Own: Member.Customer),
        ["POST /api/v1/staff/{id}/redemptions"] = new(d => $"/api/v1/staff/{d.Staff}/redemptions", _ => Redeem, ["admin", "viewer"], HttpStatusCode.Created, Own: Member.Staff),
        ["GET /api/v1/customers/{id}/redemptions"] = new(d => $"/api/v1/customers/{d.Customer}/redemptions", null, MemberReaders, HttpStatusCode.OK, Own: Member.Customer),
        ["GET /api/v1/staff/{id}/redemptions"] = new(d => $"/api/v1/staff/{d.Staff}/redemptions", null, MemberReaders, HttpStatusCode.OK, Own: Member.Staff),
        ["POST /api/v1/redemptions/{id}/fulfil"] = new(d => $"/api/v1/redemptions/{d.ToFulfil}/fulfil", null, Admin, HttpStatusCode.OK),
        ["POST /api/v1/redemptions/{id}/cancel"] = new(d => $"/api/v1/redemptions/{d.ToCancel}/cancel", null, Admin, HttpStatusCode.OK),
        ["PUT /api/v1/catalog/items/{id}"] = new(_ => $"/api/v1/catalog/items/{Item}", _ => CatalogItem, Admin, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/catalog"] = new(_ => "/api/v1/catalog", null, Everyone, HttpStatusCode.OK, Scope.None),
        ["POST /api/v1/pool/mint"] = new(_ => "/api/v1/pool/mint", _ => """{"points":1,"reason":"matrix","idempotencyKey":"matrix-mint"}""", Admin, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/pool"] = new(_ => "/api/v1/pool", null, Admin, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/dealerships/{id}/budget"] = new(d => $"/api/v1/dealerships/{d.Dealership}/budget", null, ScopedReaders, HttpStatusCode.OK),
        ["POST /api/v1/dealerships/{id}/budget/top-ups"] = new(d => $"/api/v1/dealerships/{d.Dealership}/budget/top-ups", _ => """{"points":1,"reason":"matrix","idempotencyKey":"matrix-top-up"}""", Admin, HttpStatusCode.OK),
        ["PUT /api/v1/dealerships/{id}/budget/policy"] = new(d => $"/api/v1/dealerships/{d.Dealership}/budget/policy", d => d.Policy, Admin, HttpStatusCode.OK),
        ["GET /api/v1/dealerships/{id}/budget/burn"] = new(d => $"/api/v1/dealerships/{d.Dealership}/budget/burn", null, ScopedReaders, HttpStatusCode.OK),
        ["GET /api/v1/budgets"] = new(d => $"/api/v1/budgets?state={d.State}", null, ScopedReaders, HttpStatusCode.OK, Scope.Filtered),
        // A scoped reader reads its dealerships' notifications only (NotificationScopeTests).
        ["GET /api/v1/notifications"] = new(_ => "/api/v1/notifications?after=0&limit=1", null, RecoveryReaders, HttpStatusCode.OK, Scope.Filtered),
        ["GET /api/v1/notifications/live"] = new(_ => "/api/v1/notifications/live", null, RecoveryReaders, HttpStatusCode.OK, Scope.Filtered, Streams: true),
        ["GET /api/v1/admin/audit"] = new(_ => "/api/v1/admin/audit", null, Admin, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/admin/dead-letters"] = new(_ => "/api/v1/admin/dead-letters", null, Admin, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/admin/events"] = new(d => $"/api/v1/admin/events?dealershipId={d.Dealership}", null, Admin, HttpStatusCode.OK, Scope.None),
        // A candidate is a whole program document: the shipped program's; the period holds no event.
        ["POST /api/v1/program/simulations"] = new(_ => "/api/v1/program/simulations", d => $$"""{"program":{{Pitstop.Grains.Versions.ProgramDocument.Write(new Pitstop.Grains.Configuration.ProgramOptions())}},"from":"2026-01-01T00:00:00Z","to":"2026-01-02T00:00:00Z","dealerships":["{{d.Dealership}}"]}""", Admin, HttpStatusCode.Accepted, Scope.None),
        ["GET /api/v1/program/simulations"] = new(_ => "/api/v1/program/simulations", null, Admin, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/program/simulations/{id}"] = new(_ => "/api/v1/program/simulations/SIM-matrix", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["DELETE /api/v1/program/simulations/{id}"] = new(_ => "/api/v1/program/simulations/SIM-matrix", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["GET /api/v1/program/simulations/{id}/ledger"] = new(d => $"/api/v1/program/simulations/SIM-matrix/ledger?member=customer:{d.Customer}", null, Admin, HttpStatusCode.NotFound, Scope.None),
        // No event of the matrix is poison: an admitted caller learns the letter does not exist.
        ["POST /api/v1/admin/dead-letters/{id}/retry"] = new(_ => "/api/v1/admin/dead-letters/999999/retry", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["POST /api/v1/admin/dead-letters/{id}/discard"] = new(_ => "/api/v1/admin/dead-letters/999999/discard", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["GET /api/v1/incidents/{id}"] = new(d => RecoveryHttp.IncidentPath(d.Incident), null, RecoveryReaders, HttpStatusCode.OK),
        ["GET /api/v1/incidents"] = new(d => $"/api/v1/incidents?dealershipId={d.Dealership}", null, RecoveryReaders, HttpStatusCode.OK),
        ["POST /api/v1/incidents/{id}/follow-ups/{day}/complete"] = new(d => RecoveryHttp.IncidentPath(d.Incident) + "/follow-ups/7/complete", _ => """{"outcome":"reached"}""", ["admin", "cx", "regional-lead"], HttpStatusCode.OK),
        ["PUT /api/v1/incidents/{id}/note"] = new(d => RecoveryHttp.IncidentPath(d.Incident) + "/note", _ => """{"note":"Sorry for the wait"}""", ["admin", "cx", "service-head", "workshop-manager"], HttpStatusCode.OK),
        ["GET /api/v1/analytics/recovery"] = new(d => $"/api/v1/analytics/recovery?dealershipId={d.Dealership}", null, RecoveryReaders, HttpStatusCode.OK),
        // The league compares across the network: any board is open to every person's role.
        // Admins write challenges; a create names a fresh id, so each call creates one.
        ["POST /api/v1/challenges"] = new(_ => "/api/v1/challenges", d => $$"""{"challengeId":"matrix-{{Guid.NewGuid():N}}","title":"Matrix","kpi":"on-time","target":3,"points":100,"scope":"dealership","dealershipId":"{{d.Dealership}}","from":"{{DateTime.UtcNow:yyyy-MM-dd}}","to":"{{DateTime.UtcNow.AddDays(30):yyyy-MM-dd}}"}""", Admin, HttpStatusCode.Created, Scope.None),
        ["GET /api/v1/challenges"] = new(_ => "/api/v1/challenges", null, ScopedReaders, HttpStatusCode.OK, Scope.Filtered),
        // Each dealership's own challenge: readers of that dealership only.
        ["GET /api/v1/challenges/{id}"] = new(d => $"/api/v1/challenges/{MatrixChallenge(d.Dealership)}", null, ScopedReaders, HttpStatusCode.OK),
        // No challenge of that id: an admitted caller learns it does not exist.
        ["PUT /api/v1/challenges/{id}"] = new(_ => "/api/v1/challenges/matrix-none", _ => """{"title":"Matrix","kpi":"on-time","target":3,"points":100,"scope":"national","from":"2026-12-01","to":"2026-12-31"}""", Admin, HttpStatusCode.NotFound, Scope.None),
        ["POST /api/v1/challenges/{id}/close"] = new(_ => "/api/v1/challenges/matrix-none/close", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["GET /api/v1/leaderboards/{role}"] = new(d => $"/api/v1/leaderboards/technician?scope=dealership:{d.Dealership}", null, LeagueReaders, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/leaderboards/{role}/live"] = new(d => $"/api/v1/leaderboards/technician/live?scope=dealership:{d.Dealership}", null, LeagueReaders, HttpStatusCode.OK, Scope.None, Streams: true),
        ["GET /api/v1/analytics/loyalty"] = new(d => $"/api/v1/analytics/loyalty?dealershipId={d.Dealership}", null, RecoveryReaders, HttpStatusCode.OK),
        // Every credential may ask who it is.
        ["GET /api/v1/me"] = new(_ => "/api/v1/me", null, Everyone, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/program"] = new(_ => "/api/v1/program", null, Everyone, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/program/versions"] = new(_ => "/api/v1/program/versions", null, Everyone, HttpStatusCode.OK, Scope.None),
        ["GET /api/v1/program/versions/{version}"] = new(_ => "/api/v1/program/versions/1", null, Everyone, HttpStatusCode.OK, Scope.None),
        // Admins store program versions; the matrix's shared engine must keep its program, so the body is refused (400) once admitted.
        ["PUT /api/v1/program"] = new(_ => "/api/v1/program", _ => "{}", Admin, HttpStatusCode.BadRequest, Scope.None),
        // Migration is the admin's alone; an admin covers every dealership.
        ["POST /api/v1/import/dealerships"] = new(_ => "/api/v1/import/dealerships", d => $"dealershipId,name,city,state,region\n{d.Dealership}-imported,Matrix Dealership,Pune,MH,west\n", Admin, HttpStatusCode.OK, Scope.None, ContentType: "text/csv"),
        ["POST /api/v1/import/staff"] = new(_ => "/api/v1/import/staff", d => $"employeeId,name,role,dealershipId\n{d.Staff}-imported,Matrix Staff,advisor,{d.Dealership}\n", Admin, HttpStatusCode.OK, Scope.None, ContentType: "text/csv"),
        ["POST /api/v1/import/customers"] = new(_ => "/api/v1/import/customers", d => $"customerId,name,dealershipId\n{d.Customer},Matrix Customer,{d.Dealership}\n", Admin, HttpStatusCode.OK, Scope.None, ContentType: "text/csv"),
        ["POST /api/v1/import/opening-balances"] = new(_ => "/api/v1/import/opening-balances", d => $"customerId,points\n{d.Customer},1\n", Admin, HttpStatusCode.OK, Scope.None, ContentType: "text/csv"),
        // A kiosk PIN is set by the member's workshop manager (or an admin), never by the service head whose key a kiosk carries.
        ["PUT /api/v1/staff/{id}/pin"] = new(d => $"/api/v1/staff/{d.Staff}/pin", _ => Pin, ["admin", "workshop-manager"], HttpStatusCode.OK),
        ["POST /api/v1/staff/{id}/card"] = new(d => $"/api/v1/staff/{d.Staff}/card", _ => Pin, ScopedReaders, HttpStatusCode.OK),
        ["POST /api/v1/staff/{id}/card/redemptions"] = new(d => $"/api/v1/staff/{d.Staff}/card/redemptions", _ => CardRedeem, ScopedReaders, HttpStatusCode.Created),
        ["GET /api/v1/dealerships/{id}/recognition"] = new(d => $"/api/v1/dealerships/{d.Dealership}/recognition", null, ScopedReaders, HttpStatusCode.OK),
        ["GET /api/v1/analytics/staff-performance"] = new(d => $"/api/v1/analytics/staff-performance?dealershipId={d.Dealership}", null, ScopedReaders, HttpStatusCode.OK),
        // Webhooks are the admin's: a subscription sends a dealership's feed outside the engine. The matrix's names a documentation
        // address (TEST-NET-1: public by the rules, reaching nobody) and one dealership's tier upgrades, so it sends next to nothing.
        ["POST /api/v1/webhooks"] = new(_ => "/api/v1/webhooks", d => $$"""{"url":"https://192.0.2.10/matrix","secret":"matrix-secret-0123456789abcdefghijkl","types":["tier.upgraded"],"dealerships":["{{d.Dealership}}"]}""", Admin, HttpStatusCode.Created, Scope.None),
        ["GET /api/v1/webhooks"] = new(_ => "/api/v1/webhooks", null, Admin, HttpStatusCode.OK, Scope.None),
        // No subscription of that id: an admitted caller learns it does not exist.
        ["GET /api/v1/webhooks/{id}"] = new(_ => "/api/v1/webhooks/matrix-none", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["DELETE /api/v1/webhooks/{id}"] = new(_ => "/api/v1/webhooks/matrix-none", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["GET /api/v1/webhooks/{id}/deliveries"] = new(_ => "/api/v1/webhooks/matrix-none/deliveries", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["POST /api/v1/webhooks/{id}/pause"] = new(_ => "/api/v1/webhooks/matrix-none/pause", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["POST /api/v1/webhooks/{id}/resume"] = new(_ => "/api/v1/webhooks/matrix-none/resume", null, Admin, HttpStatusCode.NotFound, Scope.None),
        ["POST /api/v1/webhooks/{id}/replay"] = new(_ => "/api/v1/webhooks/matrix-none/replay", _ => """{"after":0}""", Admin, HttpStatusCode.NotFound, Scope.None),
        ["POST /api/v1/staff/{id}/spot-awards"] = new(d => $"/api/v1/staff/{d.Staff}/spot-awards", d => $$"""{"points":10,"reason":"matrix","idempotencyKey":"matrix-spot-{{d.Dealership}}"}""", ["admin", "workshop-manager"], HttpStatusCode.Created),
    };

    private static readonly Dictionary<string, CallerKind> Callers = new(StringComparer.Ordinal)
    {
        ["no credential"] = new(null, false, false),
        ["admin key"] = new("admin", true, true),
        ["Karnataka ingest key"] = new("ingest", true, false),
        ["Kerala regional lead key"] = new("regional-lead", false, true),
        ["Karnataka service head token"] = new("service-head", true, false),
        ["Karnataka workshop manager key"] = new("workshop-manager", true, false),
        ["unscoped cx key"] = new("cx", true, true),
        ["Karnataka cx token"] = new("cx", true, false),
        ["Karnataka customer's viewer token"] = new("viewer", false, false, Member.Customer),
        ["Karnataka technician's viewer token"] = new("viewer", false, false, Member.Staff),
    };

    private const string Redeem = $$"""{"itemId":"{{Item}}","quantity":1,"idempotencyKey":"matrix-redeem"}""";
    private const string Pin = """{"pin":"2468"}""";
    private const string CardRedeem = $$"""{"pin":"2468","itemId":"{{Item}}","quantity":1,"idempotencyKey":"matrix-card-redeem"}""";
    private const string CatalogItem = """{"name":"Matrix keyring","category":"accessories","pointsCost":10}""";

    public static TheoryData<string, string, Target> Matrix()
    {
        var data = new TheoryData<string, string, Target>();
        foreach (var route in Routes.Keys)
        {
            foreach (var caller in Callers.Keys)
            {
                foreach (var target in Enum.GetValues<Target>())
                {
                    data.Add(route, caller, target);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Every_api_route_has_a_row_in_the_matrix()
    {
        var mapped = ApiRoutes.Of(engine);

        mapped.Except(Routes.Keys).Should().BeEmpty("every route under /api/v1 needs a row in RouteMatrixTests.Routes");
        Routes.Keys.Except(mapped).Should().BeEmpty("every row of the matrix names a route the app maps");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_route_admits_only_its_roles_and_only_within_their_scope(string routeName, string callerName, Target target)
    {
        var records = (await Prepared.GetValue(engine, PrepareAsync))[target];
        var route = Routes[routeName];
        var caller = Callers[callerName];
        var inScope = route.Scope != Scope.Refused
            || (caller.Role == "viewer"
                ? target == Target.Karnataka && caller.Is is { } self && self == route.Own
                : target == Target.Karnataka ? caller.CoversKarnataka : caller.CoversKerala);
        var expected = caller.Role is null ? HttpStatusCode.Unauthorized
            : !route.Roles.Contains(caller.Role) ? HttpStatusCode.Forbidden
            : inScope ? route.Success
            : HttpStatusCode.Forbidden;

        using var request = new HttpRequestMessage(new HttpMethod(routeName[..routeName.IndexOf(' ', StringComparison.Ordinal)]), route.Path(records));
        if (route.Body is not null)
        {
            request.Content = new StringContent(route.Body(records), Encoding.UTF8, route.ContentType);
        }

        using var response = route.Streams
            ? await Client(callerName).SendStreamingAsync(request)
            : await Client(callerName).SendWithDeadlineAsync(request);

        var text = route.Streams && response.StatusCode == HttpStatusCode.OK ? "(a stream)" : await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, $"{callerName} {request.Method} {request.RequestUri} answered: {ProblemChecks.Shorten(text)}");
        if ((int)expected >= 400)
        {
            (response.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json", text);
        }
    }

    /// <summary>
    /// Once per engine: in each dealership a customer and a technician with points, a recovered
    /// complaint, two placed redemptions (one to fulfil, one to cancel) and a batch of one event.
    /// </summary>
    private static async Task<IReadOnlyDictionary<Target, Records>> PrepareAsync(EmbeddedEngine engine)
    {
        var admin = engine.CreateClient();
        (await admin.PostAsJsonAsync("/api/v1/pool/mint", new { points = 200_000, reason = "route matrix", idempotencyKey = "matrix-setup" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/catalog/items/{Item}", JsonNode.Parse(CatalogItem))).EnsureSuccessStatusCode();
        var records = new Dictionary<Target, Records>();
        foreach (var (target, prefix, state) in new[] { (Target.Karnataka, "authz", "KA"), (Target.Kerala, "authz-kl", "KL") })
        {
            var traffic = new Traffic(admin, prefix);
            await traffic.RegisterDealershipAsync(state);
            (await admin.PostAsJsonAsync($"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups", new { points = 50_000, reason = "route matrix", idempotencyKey = $"matrix-setup-{prefix}" }))
                .EnsureSuccessStatusCode();
            var incident = $"complaint:CMP-{prefix}-matrix";
            (await traffic.PostAsync(
                traffic.VisitCompleted($"{prefix}-matrix-visit", Customer),
                traffic.ComplaintLogged("matrix-c1", incident["complaint:".Length..], "low", Customer, minutesAgo: 30),
                traffic.IncidentResolved("matrix-r1", incident, minutesAgo: 20))).StatusCode.Should().Be(HttpStatusCode.Accepted);
            var customer = traffic.Customer(Customer);
            var staff = traffic.Staff("T", 1);
            await Eventually.HoldsAsync(() => admin.AvailableAsync($"/api/v1/customers/{customer}"), points => points >= 100);
            await Eventually.HoldsAsync(() => admin.GetObjectOrEmptyAsync($"/api/v1/staff/{staff}"), s => s["wallet"]?["available"]?.GetValue<long>() >= 20);
            await admin.RecoveredAsync(incident);
            (await admin.PutAsJsonAsync($"/api/v1/staff/{staff}/pin", JsonNode.Parse(Pin))).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync("/api/v1/challenges", new
            {
                challengeId = MatrixChallenge(traffic.Dealership), title = "Matrix", kpi = "on-time", target = 3, points = 100, scope = "dealership",
                dealershipId = traffic.Dealership, from = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                to = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            })).EnsureSuccessStatusCode();
            var policy = (await admin.GetObjectAsync($"/api/v1/dealerships/{traffic.Dealership}/budget"))["policy"]!.ToJsonString();
            records[target] = new Records(
                traffic.Dealership, state, customer, staff, incident,
                await PlaceAsync(admin, customer, "matrix-to-fulfil"), await PlaceAsync(admin, customer, "matrix-to-cancel"), policy,
                new JsonObject { ["events"] = new JsonArray(traffic.VisitCompleted($"{prefix}-matrix-posted", Customer)) }.ToJsonString());
        }

        return records;
    }

    private static string MatrixChallenge(string dealershipId) => $"matrix-{dealershipId}";

    // Customer 8 of each dealership is the matrix's own; the other authorization tests use 1, 2 and 7.
    private const int Customer = 8;

    private static async Task<string> PlaceAsync(HttpClient admin, string customer, string key)
    {
        var placed = await admin.PostAsJsonAsync($"/api/v1/customers/{customer}/redemptions", new { itemId = Item, quantity = 1, idempotencyKey = key });
        placed.StatusCode.Should().Be(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        return (await placed.Content.ReadFromJsonAsync<JsonObject>())!["redemptionId"]!.GetValue<string>();
    }

    private HttpClient Client(string callerName) => callerName switch
    {
        "no credential" => engine.CreateAnonymousClient(),
        "admin key" => engine.CreateClient(),
        "Karnataka ingest key" => engine.CreateClientWithKey(TestCredentials.IngestKarnatakaKey),
        "Kerala regional lead key" => engine.CreateClientWithKey(TestCredentials.RegionalLeadKeralaKey),
        "Karnataka workshop manager key" => engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey),
        "unscoped cx key" => engine.CreateClientWithKey(TestCredentials.CxKey),
        "Karnataka service head token" => Bearer("matrix-service-head", "service-head", [Karnataka]),
        "Karnataka cx token" => Bearer("matrix-cx", "cx", [Karnataka]),
        "Karnataka customer's viewer token" => Bearer($"customer:C-authz-{Customer}", "viewer"),
        "Karnataka technician's viewer token" => Bearer("staff:S-authz-T1", "viewer"),
        _ => throw new ArgumentOutOfRangeException(nameof(callerName), callerName, "no such caller in the matrix"),
    };

    private HttpClient Bearer(string subject, string role, string[]? dealerships = null)
    {
        var client = engine.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthorizationTests.Token(subject, role, TestCredentials.JwtSigningKey, dealerships));
        return client;
    }
}
