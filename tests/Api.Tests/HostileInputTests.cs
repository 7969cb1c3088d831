using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>
/// Malformed and hostile input at every route that takes a body, a path id or a query parameter
/// (api.md, limits and bad input): every request is answered 4xx with problem details naming the
/// field at fault, never 500 and never a hang; a hostile event inside a batch is rejected by itself
/// (events.md: the batch still answers 202); afterwards the engine is ready and nothing was written.
/// </summary>
[Collection(EngineCollection.Name)]
public class HostileInputTests(EmbeddedEngine engine)
{
    private const string Dealership = "DLR-hostile";
    private const string Json = "application/json";
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;

    private readonly HttpClient _http = engine.CreateClient();

    /// <summary>A hostile request and the problem it must be answered with (<see cref="Field"/>: the key the errors map must hold).</summary>
    public sealed record Hostile(HttpMethod Method, string Path, byte[]? Body, HttpStatusCode Status, string? Field = null, string? ContentType = Json, bool OwnType = true);

    /// <summary>A hostile event, posted alone in a batch, and the field its rejection must name.</summary>
    public sealed record HostileEvent(string Event, string Field);

    // What PostgreSQL cannot store (NUL in text and jsonb; a lone surrogate has no UTF-8), and the
    // other C0 controls, which no free text of the contract needs (tab, CR and LF it may hold).
    // Declared first: the lists below take it in, and static fields are initialised in text order.
    private static readonly (string Label, string Raw)[] Unstorable =
    [
        ("a NUL", "\"a\\u0000b\""), ("only a NUL", "\"\\u0000\""), ("a lone high surrogate", "\"\\ud800 and text\""),
        ("a lone high surrogate at the end", "\"text \\udbff\""), ("a lone low surrogate at the start", "\"\\udc00 text\""),
        ("a bell", "\"ring \\u0007\""), ("a backspace", "\"back\\bspace\""), ("an escape", "\"\\u001b[2J\""),
        ("a vertical tab", "\"a\\u000bb\""), ("a form feed", "\"a\\fb\""), ("a unit separator", "\"a\\u001fb\""),
    ];

    private static readonly (string Label, string Raw)[] BadNonNegativeInts =
    [
        ("-1", "-1"), ("1e308", "1e308"), ("-1e308", "-1e308"), ("99999999999999999999", "99999999999999999999"),
        ("-99999999999999999999", "-99999999999999999999"), ("1.5", "1.5"), ("2147483648", "2147483648"), ("-0.0001", "-0.0001"),
        ("a string", "\"5\""), ("true", "true"), ("an array", "[5]"), ("an object", "{\"value\":5}"), ("null", "null"),
        ("a 100,000 element array", "[" + string.Join(",", Enumerable.Repeat("1", 100_000)) + "]"),
    ];

    private static readonly (string Label, string Raw)[] BadPositiveInts = [.. BadNonNegativeInts, ("0", "0"), ("-0", "-0")];

    private static readonly (string Label, string Raw)[] BadTexts =
    [
        ("empty", "\"\""), ("1,001 characters", Quote(new string('x', 1_001))), ("700,000 characters", Quote(new string('x', 700_000))),
        ("a number", "5"), ("an array", "[\"x\"]"), ("an object", "{}"), ("null", "null"), ("false", "false"),
        ("a lone low surrogate", "\"\\udfff and text\""), ("a reversed surrogate pair", "\"\\ude97\\ud83d\""),
        .. Unstorable,
    ];

    private static readonly (string Label, string Raw)[] BadIds =
    [
        ("traversal", "\"../../etc/passwd\""), ("a NUL", "\"a\\u0000b\""), ("CR LF", "\"k\\r\\nX-Injected: 1\""), ("a space", "\"a b\""),
        ("non-ASCII", "\"caf\u00e9\""), ("an emoji", "\"\\ud83d\\ude97\""), ("a lone surrogate", "\"\\ud800\""), ("129 characters", Quote(new string('a', 129))),
        ("200,000 characters", Quote(new string('a', 200_000))), ("empty", "\"\""), ("a number", "5"), ("an object", "{}"), ("null", "null"),
        ("a lone low surrogate", "\"a\\udc00\""), ("a bell", "\"a\\u0007b\""), ("a tab", "\"a\\tb\""), ("a line feed", "\"a\\nb\""),
    ];

    private static readonly (string Label, string Raw)[] BadChoices =
    [
        ("unknown", "\"NaN\""), ("empty", "\"\""), ("traversal", "\"../dining\""), ("a NUL", "\"dining\\u0000\""), ("upper case", "\"DINING\""),
        ("a number", "5"), ("an array", "[\"dining\"]"), ("null", "null"),
    ];

    private static readonly Dictionary<string, Hostile> Requests = BuildRequests();
    private static readonly Dictionary<string, HostileEvent> Events = BuildEvents();

    public static TheoryData<string> RequestNames => Names(Requests.Keys);

    public static TheoryData<string> EventNames => Names(Events.Keys);

    [Theory]
    [MemberData(nameof(RequestNames))]
    public async Task A_hostile_request_is_answered_4xx_problem_json_naming_the_field_at_fault(string name)
    {
        await RegisterDealershipAsync(Dealership);
        var hostile = Requests[name];

        using var response = await SendAsync(hostile);

        await ShouldBeProblemAsync(response, hostile);
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public async Task A_hostile_event_is_rejected_by_itself_naming_the_field_at_fault(string name)
    {
        await RegisterDealershipAsync(Dealership);
        var hostile = Events[name];

        using var response = await SendAsync(Batch(hostile.Event));

        await ShouldRejectAsync(response, hostile.Field);
    }

    [Fact]
    public async Task An_event_with_invalid_UTF8_in_a_field_is_rejected_by_itself_naming_the_field()
    {
        await RegisterDealershipAsync(Dealership);
        var visit = VisitCompleted("hostile-utf8").ToJsonString();
        var at = visit.IndexOf("C-hostile-2", StringComparison.Ordinal) + "C-hostile-".Length;
        byte[] body = [.. Utf8("{\"events\":["), .. Utf8(visit[..at]), 0xC3, 0x28, .. Utf8(visit[at..]), .. Utf8("]}")];

        using var response = await SendAsync(new Hostile(Post, "/api/v1/events", body, HttpStatusCode.Accepted));

        await ShouldRejectAsync(response, "data.customerId");
    }

    [Fact]
    public async Task Free_text_may_hold_tab_CR_and_LF()
    {
        await RegisterDealershipAsync(Dealership);

        using var response = await SendAsync(new Hostile(
            Post, "/api/v1/pool/mint", Utf8("""{"points":1,"reason":"line one\r\nline two\tend","idempotencyKey":"hostile-whitespace"}"""), HttpStatusCode.OK));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_duplicate_key_takes_its_last_value()
    {
        const string dealership = "DLR-hostile-dup";
        var body = """{"name":"First","name":"Second","city":"Pune","state":"XX","state":"MH","region":"west"}""";

        using var response = await SendAsync(new Hostile(Put, $"/api/v1/dealerships/{dealership}", Utf8(body), HttpStatusCode.OK));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "a duplicate key is not an error: the last value is the one read");
        var stored = await _http.GetObjectAsync($"/api/v1/dealerships/{dealership}");
        stored["profile"]!["name"]!.GetValue<string>().Should().Be("Second");
        stored["profile"]!["state"]!.GetValue<string>().Should().Be("MH", "the invalid first value is ignored");
    }

    [Fact]
    public async Task A_duplicate_key_whose_last_value_is_invalid_is_400_naming_it_and_changes_nothing()
    {
        await RegisterDealershipAsync(Dealership);
        var policyPath = $"/api/v1/dealerships/{Dealership}/budget/policy";
        var before = (await _http.GetObjectAsync($"/api/v1/dealerships/{Dealership}/budget"))["policy"]!.ToJsonString();

        var hostile = new Hostile(Put, policyPath, Utf8("""{"threshold":5,"threshold":-1,"amount":0,"monthlyCap":0}"""), HttpStatusCode.BadRequest, "threshold");

        using var response = await SendAsync(hostile);

        await ShouldBeProblemAsync(response, hostile);
        (await _http.GetObjectAsync($"/api/v1/dealerships/{Dealership}/budget"))["policy"]!.ToJsonString().Should().Be(before);
    }

    [Fact]
    public async Task A_duplicate_events_key_takes_the_last_array_and_ignores_the_first()
    {
        await RegisterDealershipAsync(Dealership);
        var ignored = Nps("hostile-dup-events", score: "9").ToJsonString();

        using var response = await SendAsync(new Hostile(Post, "/api/v1/events", Utf8($$"""{"events":[{{ignored}}],"events":[]}"""), HttpStatusCode.Accepted));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        answer["accepted"]!.GetValue<int>().Should().Be(0, "the last \"events\" array (empty) is the batch");
        answer["duplicates"]!.GetValue<int>().Should().Be(0);
        answer["rejected"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task After_a_hostile_barrage_the_engine_is_ready_balanced_and_a_known_customer_is_unchanged()
    {
        var traffic = new Traffic(_http, "hostile-barrage");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(10_000);
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("hostile-barrage-seed"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var customerPath = $"/api/v1/customers/{traffic.Customer()}";
        await Eventually.HoldsAsync(() => _http.AvailableAsync(customerPath), available => available == 500);
        (await _http.SendJsonAsync(Put, "/api/v1/catalog/items/ITEM-hostile-barrage", new { name = "Coffee", category = "dining", pointsCost = 100 }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var balanceBefore = (await _http.GetObjectAsync(customerPath))["balance"]!.ToJsonString();
        var ledgerBefore = (await _http.GetObjectAsync(customerPath + "/ledger"))["items"]!.AsArray().Count;
        var mintedBefore = (await _http.GetObjectAsync("/api/v1/admin/audit"))["minted"]!.GetValue<long>();

        foreach (var hostile in Barrage(traffic).Concat(Requests.Values.Where((_, i) => i % 4 == 0)))
        {
            using var response = await SendAsync(hostile);
            await ShouldBeProblemAsync(response, hostile);
        }

        foreach (var hostile in BarrageEvents(traffic).Concat(Events.Values.Where((_, i) => i % 4 == 0).Select(e => e.Event)))
        {
            using var response = await SendAsync(Batch(hostile));
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>().Should().Be(0, hostile.Length > 300 ? hostile[..300] : hostile);
        }

        using (var ready = await SendAsync(new Hostile(Get, "/health/ready", null, HttpStatusCode.OK)))
        {
            ready.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var audit = await Eventually.HoldsAsync(() => _http.GetObjectAsync("/api/v1/admin/audit"), a => a["balanced"]!.GetValue<bool>());
        audit["journalMatchesGrains"]!.GetValue<bool>().Should().BeTrue();
        audit["minted"]!.GetValue<long>().Should().Be(mintedBefore, "no hostile mint or top-up moved a point");
        (await _http.GetObjectAsync(customerPath))["balance"]!.ToJsonString().Should().Be(balanceBefore);
        (await _http.GetObjectAsync(customerPath + "/ledger"))["items"]!.AsArray().Should().HaveCount(ledgerBefore);
        (await _http.GetFromJsonAsync<JsonArray>(customerPath + "/redemptions")).Should().BeEmpty();
    }

    /// <summary>Requests aimed at the barrage's own customer, dealership and catalog item: each would move points if it were read as valid.</summary>
    private static IEnumerable<Hostile> Barrage(Traffic traffic)
    {
        var redeem = $"/api/v1/customers/{traffic.Customer()}/redemptions";
        var topUp = $"/api/v1/dealerships/{traffic.Dealership}/budget/top-ups";
        foreach (var quantity in new[] { "-1", "0", "1e308", "99999999999999999999", "\"1\"", "1.5", "NaN" })
        {
            yield return new Hostile(Post, redeem, Utf8($$"""{"itemId":"ITEM-hostile-barrage","quantity":{{quantity}},"idempotencyKey":"hb-{{quantity.Length}}"}"""), HttpStatusCode.BadRequest, quantity == "NaN" ? null : "quantity");
        }

        yield return new Hostile(Post, redeem, Utf8("""{"itemId":"ITEM-hostile-barrage","quantity":1,"quantity":0,"idempotencyKey":"hb-dup"}"""), HttpStatusCode.BadRequest, "quantity");
        yield return new Hostile(Post, redeem, Utf8("""{"itemId":"../ITEM-hostile-barrage","quantity":1,"idempotencyKey":"hb-path"}"""), HttpStatusCode.BadRequest, "itemId");
        yield return new Hostile(Post, redeem, Utf8("""{"itemId":"ITEM-hostile-barrage","quantity":1,"idempotencyKey":"hb"""), HttpStatusCode.BadRequest);
        foreach (var points in new[] { "-5", "1e308", "99999999999999999999", "1000000001", "\"5\"" })
        {
            yield return new Hostile(Post, topUp, Utf8($$"""{"points":{{points}},"reason":"hostile","idempotencyKey":"hb-top-up"}"""), HttpStatusCode.BadRequest, "points");
            yield return new Hostile(Post, "/api/v1/pool/mint", Utf8($$"""{"points":{{points}},"reason":"hostile","idempotencyKey":"hb-mint"}"""), HttpStatusCode.BadRequest, "points");
        }

        yield return new Hostile(Post, topUp, Utf8("""{"points":5,"points":-5,"reason":"hostile","idempotencyKey":"hb-top-up-dup"}"""), HttpStatusCode.BadRequest, "points");
        yield return new Hostile(Post, "/api/v1/pool/mint", Utf8("""{"points":5,"points":0,"reason":"hostile","idempotencyKey":"hb-mint-dup"}"""), HttpStatusCode.BadRequest, "points");
        yield return new Hostile(Post, "/api/v1/pool/mint", Utf8("""{"points":5,"reason":"hostile","idempotencyKey":"hb-mint-nan","x":NaN}"""), HttpStatusCode.BadRequest);
    }

    /// <summary>Events for the barrage's own customer, each of which would credit them if it were accepted.</summary>
    private static IEnumerable<string> BarrageEvents(Traffic traffic)
    {
        JsonObject Visit(string id, Action<JsonObject> change)
        {
            var visit = traffic.CustomerOnlyVisit(id);
            change(visit);
            return visit;
        }

        yield return Visit("hb-future", v => v["occurredAt"] = Time(TimeSpan.FromDays(365))).ToJsonString();
        yield return Visit("hb-past", v => v["occurredAt"] = "1900-01-01T00:00:00+05:30").ToJsonString();
        yield return Visit("hb-type", v => v["type"] = "service.visit.completed.twice").ToJsonString();
        yield return Visit("hb-amount", v => v["data"]!["invoiceAmount"] = -18500).ToJsonString();
        yield return Visit("hb-dup-key", _ => { }).ToJsonString().Replace("\"id\":\"hb-dup-key\"", "\"id\":\"hb-dup-key\",\"id\":\"hb dup key\"", StringComparison.Ordinal);
    }

    private static Dictionary<string, Hostile> BuildRequests()
    {
        var cases = new Dictionary<string, Hostile>(StringComparer.Ordinal);
        void Add(string name, Hostile hostile) => cases.Add(name, hostile);

        // Bodies that are not JSON objects, or not JSON at all, on every route that reads one.
        var bodyRoutes = new (string Name, HttpMethod Method, string Path)[]
        {
            ("events", Post, "/api/v1/events"),
            ("dealership", Put, "/api/v1/dealerships/DLR-hostile-put"),
            ("catalog item", Put, "/api/v1/catalog/items/ITEM-hostile"),
            ("mint", Post, "/api/v1/pool/mint"),
            ("top-up", Post, $"/api/v1/dealerships/{Dealership}/budget/top-ups"),
            ("policy", Put, $"/api/v1/dealerships/{Dealership}/budget/policy"),
            ("customer redemption", Post, "/api/v1/customers/C-hostile-1/redemptions"),
            ("staff redemption", Post, "/api/v1/staff/S-hostile-1/redemptions"),
        };
        var shapes = new (string Name, byte[] Body, HttpStatusCode Status)[]
        {
            ("truncated JSON", Utf8("""{"points": 5, "reason": "tru"""), HttpStatusCode.BadRequest),
            ("not JSON", Utf8("points=5&reason=x"), HttpStatusCode.BadRequest),
            ("single quotes", Utf8("{'points': 5}"), HttpStatusCode.BadRequest),
            ("trailing comma", Utf8("""{"points": 5,}"""), HttpStatusCode.BadRequest),
            ("a comment", Utf8("""{/* hi */ "points": 5}"""), HttpStatusCode.BadRequest),
            ("two documents", Utf8("{}{}"), HttpStatusCode.BadRequest),
            ("empty body", [], HttpStatusCode.BadRequest),
            ("array root", Utf8("[]"), HttpStatusCode.BadRequest),
            ("string root", Utf8("\"{}\""), HttpStatusCode.BadRequest),
            ("null root", Utf8("null"), HttpStatusCode.BadRequest),
            ("1e308 root", Utf8("1e308"), HttpStatusCode.BadRequest),
            ("10,000 nested arrays", Utf8("{\"points\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), HttpStatusCode.BadRequest),
            ("10,000 nested objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)), HttpStatusCode.BadRequest),
            ("a 300,000 element array root", Utf8("[" + string.Join(",", Enumerable.Repeat("0", 300_000)) + "]"), HttpStatusCode.BadRequest),
            ("a string over 1 MiB", Utf8($$"""{"reason":"{{new string('x', (1 << 20) + 1)}}"}"""), HttpStatusCode.RequestEntityTooLarge),
            ("1 MiB of whitespace and a byte", Utf8(new string(' ', 1 << 20) + "{}"), HttpStatusCode.RequestEntityTooLarge),
            ("invalid UTF-8 bytes", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], HttpStatusCode.BadRequest),
            ("a NUL byte after the object", [.. Utf8("{}"), 0x00], HttpStatusCode.BadRequest),
            ("a lone surrogate in a key", Utf8("{\"\\ud800\":1,\"events\\udc00\":[]}"), HttpStatusCode.BadRequest),
            ("UTF-16 text", Encoding.Unicode.GetBytes("""{"points": 5}"""), HttpStatusCode.BadRequest),
            ("NaN literal", Utf8("""{"points": NaN}"""), HttpStatusCode.BadRequest),
            ("Infinity literal", Utf8("""{"points": Infinity}"""), HttpStatusCode.BadRequest),
            ("-Infinity literal", Utf8("""{"points": -Infinity}"""), HttpStatusCode.BadRequest),
        };
        foreach (var (route, method, path) in bodyRoutes)
        {
            foreach (var (shape, body, status) in shapes)
            {
                Add($"{route}: {shape}", new Hostile(method, path, body, status));
            }

            Add($"{route}: text/plain content type", new Hostile(method, path, Utf8("{}"), HttpStatusCode.UnsupportedMediaType, ContentType: "text/plain", OwnType: false));
        }

        // Invalid UTF-8 inside a string the route reads.
        var utf8Fields = new (string Route, HttpMethod Method, string Path, string Field, string Before, string After)[]
        {
            ("mint", Post, "/api/v1/pool/mint", "reason", "{\"points\":5,\"reason\":\"x", "\",\"idempotencyKey\":\"hostile-never\"}"),
            ("mint", Post, "/api/v1/pool/mint", "idempotencyKey", "{\"points\":5,\"reason\":\"hostile\",\"idempotencyKey\":\"k", "\"}"),
            ("dealership", Put, "/api/v1/dealerships/DLR-hostile-put", "name", "{\"name\":\"x", "\",\"city\":\"Pune\",\"state\":\"MH\",\"region\":\"west\"}"),
            ("catalog item", Put, "/api/v1/catalog/items/ITEM-hostile", "name", "{\"name\":\"x", "\",\"category\":\"dining\",\"pointsCost\":100}"),
            ("customer redemption", Post, "/api/v1/customers/C-hostile-1/redemptions", "itemId", "{\"itemId\":\"I", "\",\"quantity\":1,\"idempotencyKey\":\"hostile-never\"}"),
        };
        foreach (var (route, method, path, field, before, after) in utf8Fields)
        {
            foreach (var (label, bytes) in new (string, byte[])[] { ("a broken 2-byte sequence", [0xC3, 0x28]), ("a lone 0xFF", [0xFF]), ("an overlong slash", [0xC0, 0xAF]), ("an encoded surrogate", [0xED, 0xA0, 0x80]) })
            {
                Add($"{route}: {label} in {field}", new Hostile(method, path, [.. Utf8(before), .. bytes, .. Utf8(after)], HttpStatusCode.BadRequest, field));
            }
        }

        // The batch itself.
        Add("events: events is an object", new Hostile(Post, "/api/v1/events", Utf8("""{"events":{}}"""), HttpStatusCode.BadRequest));
        Add("events: events is null", new Hostile(Post, "/api/v1/events", Utf8("""{"events":null}"""), HttpStatusCode.BadRequest));
        Add("events: events is 1e308", new Hostile(Post, "/api/v1/events", Utf8("""{"events":1e308}"""), HttpStatusCode.BadRequest));
        Add("events: Events in another case", new Hostile(Post, "/api/v1/events", Utf8("""{"Events":[]}"""), HttpStatusCode.BadRequest));
        Add("events: 200,000 numbers", new Hostile(Post, "/api/v1/events", Utf8("{\"events\":[" + string.Join(",", Enumerable.Repeat("0", 200_000)) + "]}"), HttpStatusCode.RequestEntityTooLarge));
        Add("events: last events key is not an array", new Hostile(Post, "/api/v1/events", Utf8("""{"events":[],"events":"x"}"""), HttpStatusCode.BadRequest));

        // Each field of each body with the wrong type, out of range, too long, or hostile.
        (string, string)[] move = [("points", "5"), ("reason", "\"hostile\""), ("idempotencyKey", "\"hostile-never\"")];
        foreach (var (route, path) in new[] { ("mint", "/api/v1/pool/mint"), ("top-up", $"/api/v1/dealerships/{Dealership}/budget/top-ups") })
        {
            AddFields(cases, route, Post, path, move, "points", BadPositiveInts);
            AddFields(cases, route, Post, path, move, "reason", BadTexts);
            AddFields(cases, route, Post, path, move, "idempotencyKey", BadIds);
        }

        (string, string)[] policy = [("threshold", "0"), ("amount", "0"), ("monthlyCap", "0")];
        foreach (var field in new[] { "threshold", "amount", "monthlyCap" })
        {
            AddFields(cases, "policy", Put, $"/api/v1/dealerships/{Dealership}/budget/policy", policy, field, BadNonNegativeInts);
        }

        (string, string)[] dealership = [("name", "\"Hostile\""), ("city", "\"Pune\""), ("state", "\"MH\""), ("region", "\"west\"")];
        foreach (var field in new[] { "name", "city", "state", "region" })
        {
            AddFields(cases, "dealership", Put, "/api/v1/dealerships/DLR-hostile-put", dealership, field, BadTexts);
        }

        AddFields(cases, "dealership", Put, "/api/v1/dealerships/DLR-hostile-put", dealership, "state", [("XX", "\"XX\""), ("lower case ka", "\"ka\""), ("traversal", "\"../KA\"")]);

        (string, string)[] item = [("name", "\"Hostile\""), ("category", "\"dining\""), ("pointsCost", "100"), ("stock", "5"), ("minimumTier", "\"gold\"")];
        const string itemPath = "/api/v1/catalog/items/ITEM-hostile";
        AddFields(cases, "catalog item", Put, itemPath, item, "name", BadTexts);
        AddFields(cases, "catalog item", Put, itemPath, item, "category", BadChoices);
        AddFields(cases, "catalog item", Put, itemPath, item, "minimumTier", BadChoices.Where(c => c.Label != "null"));
        AddFields(cases, "catalog item", Put, itemPath, item, "pointsCost", [.. BadPositiveInts, ("10,000,001", "10000001")]);
        AddFields(cases, "catalog item", Put, itemPath, item, "stock", [.. BadNonNegativeInts.Where(c => c.Label != "null"), ("1,000,001", "1000001")]);

        (string, string)[] redemption = [("itemId", "\"ITEM-hostile-never\""), ("quantity", "1"), ("idempotencyKey", "\"hostile-never\"")];
        foreach (var (route, path) in new[] { ("customer redemption", "/api/v1/customers/C-hostile-1/redemptions"), ("staff redemption", "/api/v1/staff/S-hostile-1/redemptions") })
        {
            AddFields(cases, route, Post, path, redemption, "itemId", BadIds);
            AddFields(cases, route, Post, path, redemption, "quantity", [.. BadPositiveInts, ("101", "101")]);
            AddFields(cases, route, Post, path, redemption, "idempotencyKey", BadIds);
        }

        (string, string)[] spotAward = [("points", "5"), ("reason", "\"hostile\""), ("idempotencyKey", "\"hostile-never\"")];
        AddFields(cases, "spot award", Post, "/api/v1/staff/S-hostile-1/spot-awards", spotAward, "reason", BadTexts);
        AddFields(cases, "spot award", Post, "/api/v1/staff/S-hostile-1/spot-awards", spotAward, "idempotencyKey", BadIds);
        AddFields(cases, "staff", Put, "/api/v1/staff/S-hostile-put", [("name", "\"Hostile\""), ("role", "\"technician\""), ("dealershipId", $"\"{Dealership}\"")], "name", Unstorable);
        AddFields(cases, "customer profile", Put, "/api/v1/customers/C-hostile-put/profile", [("name", "\"Hostile\"")], "name", Unstorable);

        // Hostile ids in the path, URL-encoded.
        var ids = new (string Label, string Encoded)[]
        {
            ("a space", "bad%20id"),
            ("encoded ../../admin/audit", "..%2F..%2Fadmin%2Faudit"),
            ("encoded ..\\..\\", "..%5C..%5Cwindows"),
            ("CR LF header injection", "C-1%0D%0AX-Injected:%201"),
            ("control characters", "%01%02%1B%7F"),
            ("markup", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
            ("non-ASCII", "C-%C3%A9"),
            ("invalid UTF-8", "C-%FF%FE"),
            ("a tilde", "C~1"),
            ("129 characters", new string('a', 129)),
            ("10,000 characters", new string('a', 10_000)),
        };
        var validRedemption = Utf8("""{"itemId":"ITEM-hostile-never","quantity":1,"idempotencyKey":"hostile-never"}""");
        var validDealership = Utf8("""{"name":"Hostile","city":"Pune","state":"MH","region":"west"}""");
        var validItem = Utf8("""{"name":"Hostile","category":"dining","pointsCost":100}""");
        var idRoutes = new (string Method, HttpMethod Verb, string Template, byte[]? Body, HttpStatusCode Status, string? Field)[]
        {
            ("GET", Get, "/api/v1/customers/{0}", null, HttpStatusCode.BadRequest, "id"),
            ("GET", Get, "/api/v1/staff/{0}", null, HttpStatusCode.BadRequest, "id"),
            ("GET", Get, "/api/v1/customers/{0}/ledger", null, HttpStatusCode.BadRequest, "id"),
            ("GET", Get, "/api/v1/customers/{0}/referral-code", null, HttpStatusCode.BadRequest, "id"),
            ("GET", Get, "/api/v1/staff/{0}/ledger", null, HttpStatusCode.BadRequest, "id"),
            ("GET", Get, "/api/v1/customers/{0}/redemptions", null, HttpStatusCode.BadRequest, "id"),
            ("GET", Get, "/api/v1/staff/{0}/redemptions", null, HttpStatusCode.BadRequest, "id"),
            ("POST", Post, "/api/v1/customers/{0}/redemptions", validRedemption, HttpStatusCode.BadRequest, "id"),
            ("POST", Post, "/api/v1/staff/{0}/redemptions", validRedemption, HttpStatusCode.BadRequest, "id"),
            ("GET", Get, "/api/v1/dealerships/{0}", null, HttpStatusCode.BadRequest, "id"),
            ("GET", Get, "/api/v1/dealerships/{0}/budget/burn", null, HttpStatusCode.BadRequest, "id"),
            ("PUT", Put, "/api/v1/dealerships/{0}", validDealership, HttpStatusCode.BadRequest, "id"),
            ("PUT", Put, "/api/v1/catalog/items/{0}", validItem, HttpStatusCode.BadRequest, "id"),
            // The budget and redemption routes answer a malformed id as an unknown one.
            ("GET", Get, "/api/v1/dealerships/{0}/budget", null, HttpStatusCode.NotFound, null),
            ("POST", Post, "/api/v1/dealerships/{0}/budget/top-ups", Utf8("""{"points":5,"reason":"hostile","idempotencyKey":"hostile-never"}"""), HttpStatusCode.NotFound, null),
            ("PUT", Put, "/api/v1/dealerships/{0}/budget/policy", Utf8("""{"threshold":0,"amount":0,"monthlyCap":0}"""), HttpStatusCode.NotFound, null),
            ("POST", Post, "/api/v1/redemptions/{0}/fulfil", null, HttpStatusCode.NotFound, null),
            ("POST", Post, "/api/v1/redemptions/{0}/cancel", null, HttpStatusCode.NotFound, null),
        };
        foreach (var (method, verb, template, body, status, field) in idRoutes)
        {
            foreach (var (label, encoded) in ids)
            {
                Add($"{method} {template}: id with {label}", new Hostile(verb, string.Format(CultureInfo.InvariantCulture, template, encoded), body, status, field));
            }
        }

        foreach (var id in new[] { "RD~customer~..%2F..~k", "RD~customer~C-hostile-1~", "RD~robot~C-hostile-1~k", "RD~customer~C-hostile-1~k~extra" })
        {
            Add($"POST /api/v1/redemptions/{{0}}/cancel: {id}", new Hostile(Post, $"/api/v1/redemptions/{id}/cancel", null, HttpStatusCode.NotFound));
        }

        // Query parameters.
        var numbers = new (string Label, string Encoded)[]
        {
            ("-1", "-1"), ("0", "0"), ("1e308", "1e308"), ("99999999999999999999", "99999999999999999999"), ("NaN", "NaN"),
            ("Infinity", "Infinity"), ("1.5", "1.5"), ("+5", "%2B5"), ("traversal", "..%2F..%2F"), ("empty", ""),
            ("repeated", "5&{0}=6"), ("10,000 digits", new string('9', 10_000)),
        };
        foreach (var (label, encoded) in numbers)
        {
            string Query(string name) => $"{name}={string.Format(CultureInfo.InvariantCulture, encoded, name)}";
            if (label != "0")
            {
                Add($"customer ledger: cursor {label}", new Hostile(Get, $"/api/v1/customers/C-hostile-1/ledger?{Query("cursor")}", null, HttpStatusCode.BadRequest, "cursor"));
                Add($"staff ledger: cursor {label}", new Hostile(Get, $"/api/v1/staff/S-hostile-1/ledger?{Query("cursor")}", null, HttpStatusCode.BadRequest, "cursor"));
                Add($"notifications: after {label}", new Hostile(Get, $"/api/v1/notifications?{Query("after")}", null, HttpStatusCode.BadRequest, "after"));
            }

            Add($"customer ledger: limit {label}", new Hostile(Get, $"/api/v1/customers/C-hostile-1/ledger?{Query("limit")}", null, HttpStatusCode.BadRequest, "limit"));
            Add($"notifications: limit {label}", new Hostile(Get, $"/api/v1/notifications?{Query("limit")}", null, HttpStatusCode.BadRequest, "limit"));
        }

        Add("customer ledger: limit 1001", new Hostile(Get, "/api/v1/customers/C-hostile-1/ledger?limit=1001", null, HttpStatusCode.BadRequest, "limit"));
        foreach (var (label, encoded) in new[] { ("XX", "XX"), ("lower case ka", "ka"), ("traversal", "..%2F..%2Fadmin"), ("a NUL", "KA%00"), ("empty", ""), ("10,000 characters", new string('K', 10_000)) })
        {
            Add($"budgets: state {label}", new Hostile(Get, $"/api/v1/budgets?state={encoded}", null, HttpStatusCode.BadRequest, "state"));
        }

        foreach (var (label, encoded) in new[] { ("month 13", "2026-13"), ("a day", "2026-11-01"), ("traversal", "..%2F..%2F"), ("a NUL", "2026-11%00"), ("empty", ""), ("10,000 characters", new string('2', 10_000)) })
        {
            Add($"budget burn: period {label}", new Hostile(Get, $"/api/v1/dealerships/{Dealership}/budget/burn?period={encoded}", null, HttpStatusCode.BadRequest, "period"));
        }

        foreach (var (label, encoded) in new[] { ("NaN", "NaN"), ("traversal", "..%2F..%2F"), ("a NUL", "dining%00"), ("empty", ""), ("10,000 characters", new string('d', 10_000)) })
        {
            Add($"catalog: category {label}", new Hostile(Get, $"/api/v1/catalog?category={encoded}", null, HttpStatusCode.BadRequest, "category"));
        }

        return cases;
    }

    private static void AddFields(
        Dictionary<string, Hostile> cases, string route, HttpMethod method, string path, (string Key, string Raw)[] valid, string field, IEnumerable<(string Label, string Raw)> values)
    {
        foreach (var (label, raw) in values)
        {
            var fields = valid.Select(f => f.Key == field ? (f.Key, raw) : f);
            var body = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Item2}")) + "}";
            cases.Add($"{route}: {field} {label}", new Hostile(method, path, Utf8(body), HttpStatusCode.BadRequest, field));
        }
    }

    private static Dictionary<string, HostileEvent> BuildEvents()
    {
        var cases = new Dictionary<string, HostileEvent>(StringComparer.Ordinal);
        void Visit(string name, string field, Action<JsonObject> change)
        {
            var visit = VisitCompleted($"hostile-{cases.Count}");
            change(visit);
            cases.Add(name, new HostileEvent(visit.ToJsonString(), field));
        }

        void Raw(string name, string field, string json) => cases.Add(name, new HostileEvent(json, field));

        foreach (var (label, type) in new (string, JsonNode?)[]
        {
            ("unknown", "service.visit.teleported"), ("upper case", "SERVICE.VISIT.COMPLETED"), ("with a NUL", "service.visit.completed\0"),
            ("traversal", "../../admin/audit"), ("empty", ""), ("a number", 42), ("null", null), ("10,000 characters", new string('t', 10_000)),
        })
        {
            Visit($"type {label}", "type", e => e["type"] = type);
        }

        foreach (var (label, at) in new (string, JsonNode?)[]
        {
            ("in 1900", "1900-01-01T00:00:00+05:30"), ("401 days ago", Time(TimeSpan.FromDays(-401))), ("an hour ahead", Time(TimeSpan.FromHours(1))),
            ("in 9999", "9999-12-31T23:59:59+05:30"), ("the first instant", "0001-01-01T00:00:00Z"), ("the first instant in IST", "0001-01-01T05:30:00+05:30"),
            ("before the first instant", "0001-01-01T00:00:00+05:30"), ("without an offset", "2026-01-01T00:00:00"), ("month 13", "2026-13-01T00:00:00Z"),
            ("February 30", "2026-02-30T00:00:00Z"), ("a Unix time", 1_767_225_600), ("1e308", 1e308), ("a date only", "2026-01-01"), ("prose", "yesterday"),
        })
        {
            Visit($"occurredAt {label}", "occurredAt", e => e["occurredAt"] = at);
        }

        foreach (var (label, id) in new (string, JsonNode?)[]
        {
            ("traversal", "../../etc/passwd"), ("a NUL", "a\0b"), ("CR LF", "x\r\ny"), ("129 characters", new string('i', 129)),
            ("100,000 characters", new string('i', 100_000)), ("a number", 42), ("null", null), ("empty", ""),
        })
        {
            Visit($"id {label}", "id", e => e["id"] = id);
        }

        Visit("source upper case", "source", e => e["source"] = "DMS");
        Visit("source traversal", "source", e => e["source"] = "../dms");
        Visit("source 33 characters", "source", e => e["source"] = new string('s', 33));
        Visit("dealershipId traversal", "dealershipId", e => e["dealershipId"] = "DLR/../DLR-hostile");
        Visit("dealershipId unregistered", "dealershipId", e => e["dealershipId"] = "DLR-hostile-never-registered");
        Visit("data an array", "data", e => e["data"] = new JsonArray());
        Visit("data a string", "data", e => e["data"] = "{}");
        Visit("data missing", "data", e => e.Remove("data"));

        foreach (var (label, amount) in new (string, string)[]
        {
            ("negative", "-1"), ("1e308", "1e308"), ("beyond decimal", "1" + new string('0', 40)), ("3 decimals", "1.001"),
            ("a string", "\"18500\""), ("true", "true"), ("NaN as a string", "\"NaN\""),
            ("above the 100,000,000 INR ceiling", "100000000.01"), ("1.85e20, beyond what points can count", "1.85e20"),
        })
        {
            Visit($"data.invoiceAmount {label}", "data.invoiceAmount", e => e["data"]!["invoiceAmount"] = JsonNode.Parse(amount));
        }

        Visit("data.firstTimeFix a string", "data.firstTimeFix", e => e["data"]!["firstTimeFix"] = "true");
        Visit("data.firstTimeFix a number", "data.firstTimeFix", e => e["data"]!["firstTimeFix"] = 1);
        Visit("data.vehicleClass unknown", "data.vehicleClass", e => e["data"]!["vehicleClass"] = "MID");
        Visit("data.promisedAt prose", "data.promisedAt", e => e["data"]!["promisedAt"] = "tomorrow");
        Visit("data.promisedAt in 9999", "data.promisedAt", e => e["data"]!["promisedAt"] = "9999-12-31T23:59:59Z");
        Visit("data.promisedAt 91 days ahead", "data.promisedAt", e => e["data"]!["promisedAt"] = Time(TimeSpan.FromDays(91)));
        Visit("data.deliveredAt in 9999", "data.deliveredAt", e => e["data"]!["deliveredAt"] = "9999-12-31T23:59:59Z");
        Visit("data.deliveredAt an hour ahead", "data.deliveredAt", e => e["data"]!["deliveredAt"] = Time(TimeSpan.FromHours(1)));
        Visit("data.deliveredAt the first instant", "data.deliveredAt", e => e["data"]!["deliveredAt"] = "0001-01-01T00:00:00Z");
        Visit("data.customerId 129 characters", "data.customerId", e => e["data"]!["customerId"] = new string('c', 129));
        Visit("data.customerId CR LF", "data.customerId", e => e["data"]!["customerId"] = "C-1\r\nC-2");
        Visit("data.technicianIds a string", "data.technicianIds", e => e["data"]!["technicianIds"] = "S-hostile-T1");
        Visit("data.technicianIds 13 ids", "data.technicianIds", e => e["data"]!["technicianIds"] = new JsonArray([.. Enumerable.Range(1, 13).Select(i => (JsonNode)$"S-hostile-T{i}")]));
        Visit("data.technicianIds 100,000 ids", "data.technicianIds", e => e["data"]!["technicianIds"] = new JsonArray([.. Enumerable.Range(1, 100_000).Select(i => (JsonNode)"S")]));
        Visit("data.technicianIds a number in it", "data.technicianIds[0]", e => e["data"]!["technicianIds"] = new JsonArray(42));
        Visit("data.technicianIds traversal in it", "data.technicianIds[1]", e => e["data"]!["technicianIds"] = new JsonArray("S-ok", "../S"));

        foreach (var (label, score) in new (string, string)[]
        {
            ("-1", "-1"), ("11", "11"), ("1e308", "1e308"), ("99999999999999999999", "99999999999999999999"), ("9.5", "9.5"), ("a string", "\"9\""), ("null", "null"),
        })
        {
            Raw($"nps data.score {label}", "data.score", Nps($"hostile-nps-{cases.Count}", score).ToJsonString());
        }

        foreach (var (label, raw) in Unstorable)
        {
            Raw($"defect data.description {label}", "data.description", FreeText(raw, $"hostile-defect-{cases.Count}", "quality.defect.reported", new JsonObject
            {
                ["jobCardId"] = "JC-hostile-1", ["customerId"] = "C-hostile-2", ["defect"] = "electrical", ["description"] = Placeholder,
            }));
            Raw($"complaint data.category {label}", "data.category", FreeText(raw, $"hostile-complaint-{cases.Count}", "complaint.logged", new JsonObject
            {
                ["complaintId"] = $"CMP-hostile-{cases.Count}", ["customerId"] = "C-hostile-2", ["severity"] = "low", ["category"] = Placeholder,
            }));
            Raw($"complaint data.channel {label}", "data.channel", FreeText(raw, $"hostile-complaint-{cases.Count}", "complaint.logged", new JsonObject
            {
                ["complaintId"] = $"CMP-hostile-{cases.Count}", ["customerId"] = "C-hostile-2", ["severity"] = "low", ["channel"] = Placeholder,
            }));
            Raw($"resolved data.note {label}", "data.note", FreeText(raw, $"hostile-resolved-{cases.Count}", "incident.resolved", new JsonObject
            {
                ["incidentId"] = "complaint:CMP-hostile-1", ["resolvedAt"] = Time(TimeSpan.FromMinutes(-10)), ["note"] = Placeholder,
            }));
            Raw($"reversal data.reason {label}", "data.reason", FreeText(raw, $"hostile-reversal-{cases.Count}", "transaction.reversed", new JsonObject
            {
                ["originalSource"] = "dms", ["originalId"] = "hostile-never", ["reason"] = Placeholder,
            }));
        }

        Raw("id a lone surrogate", "id", VisitCompleted("hostile-surrogate").ToJsonString().Replace("\"id\":\"hostile-surrogate\"", "\"id\":\"\\ud800\"", StringComparison.Ordinal));
        Raw("data.customerId a lone surrogate", "data.customerId", VisitCompleted("hostile-surrogate-2").ToJsonString().Replace("C-hostile-2", "C-\\udc00", StringComparison.Ordinal));
        Raw("event a number", "event", "42");
        Raw("event an array", "event", "[]");
        Raw("event null", "event", "null");
        Raw("duplicate id key, the last one invalid", "id", VisitCompleted("hostile-dup-id").ToJsonString()
            .Replace("\"id\":\"hostile-dup-id\"", "\"id\":\"hostile-dup-id\",\"id\":\"bad id\"", StringComparison.Ordinal));
        Raw("duplicate data key, the last one invalid", "data", VisitCompleted("hostile-dup-data").ToJsonString()[..^1] + ",\"data\":[]}");
        return cases;
    }

    private static JsonObject VisitCompleted(string id) => new()
    {
        ["id"] = id,
        ["source"] = "dms",
        ["type"] = "service.visit.completed",
        ["occurredAt"] = Time(TimeSpan.FromMinutes(-10)),
        ["dealershipId"] = Dealership,
        ["data"] = new JsonObject
        {
            ["jobCardId"] = $"JC-{id}",
            ["customerId"] = "C-hostile-2",
            ["vin"] = "W1K2060421F000001",
            ["vehicleClass"] = "mid",
            ["visitKind"] = "scheduled",
            ["advisorId"] = "S-hostile-A1",
            ["technicianIds"] = new JsonArray("S-hostile-T1"),
            ["promisedAt"] = Time(TimeSpan.FromMinutes(-60)),
            ["deliveredAt"] = Time(TimeSpan.FromMinutes(-30)),
            ["firstTimeFix"] = true,
            ["repeatRepair"] = false,
            ["jobCardAccurate"] = true,
            ["invoiceAmount"] = 18500.00m,
        },
    };

    private const string Placeholder = "hostile-text";

    /// <summary>
    /// An event of <paramref name="type"/> whose data holds <paramref name="rawText"/> where it holds
    /// <see cref="Placeholder"/>: spliced in as JSON text, since a lone surrogate survives no JsonNode.
    /// </summary>
    private static string FreeText(string rawText, string id, string type, JsonObject data) => new JsonObject
    {
        ["id"] = id,
        ["source"] = "dms",
        ["type"] = type,
        ["occurredAt"] = Time(TimeSpan.FromMinutes(-10)),
        ["dealershipId"] = Dealership,
        ["data"] = data,
    }.ToJsonString().Replace($"\"{Placeholder}\"", rawText, StringComparison.Ordinal);

    private static JsonObject Nps(string id, string score) => new()
    {
        ["id"] = id,
        ["source"] = "survey",
        ["type"] = "survey.nps.submitted",
        ["occurredAt"] = Time(TimeSpan.FromMinutes(-10)),
        ["dealershipId"] = Dealership,
        ["data"] = new JsonObject { ["surveyId"] = $"SV-{id}", ["customerId"] = "C-hostile-3", ["score"] = JsonNode.Parse(score) },
    };

    private static Hostile Batch(string hostileEvent) =>
        new(Post, "/api/v1/events", Utf8($$"""{"events":[{{hostileEvent}}]}"""), HttpStatusCode.Accepted);

    private async Task RegisterDealershipAsync(string id)
    {
        using var response = await _http.PutAsJsonAsync($"/api/v1/dealerships/{id}", new { name = "Hostile", city = "Pune", state = "MH", region = "west" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Sends the request with its own deadline: a hung request fails the test instead of blocking the suite.</summary>
    private async Task<HttpResponseMessage> SendAsync(Hostile hostile)
    {
        using var request = new HttpRequestMessage(hostile.Method, hostile.Path);
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (hostile.ContentType is not null)
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(hostile.ContentType);
            }
        }

        return await _http.SendWithDeadlineAsync(request);
    }

    private static Task ShouldBeProblemAsync(HttpResponseMessage response, Hostile hostile) =>
        ProblemChecks.ShouldBeProblemAsync(response, $"{hostile.Method} {Shorten(hostile.Path)}", hostile.Status, hostile.OwnType, hostile.Field is null ? [] : [hostile.Field]);

    private static async Task ShouldRejectAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        var what = $"the batch answered {(int)response.StatusCode}: {Shorten(text)}";
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, what);
        var answer = JsonNode.Parse(text)!.AsObject();
        answer["accepted"]!.GetValue<int>().Should().Be(0, what);
        answer["duplicates"]!.GetValue<int>().Should().Be(0, what);
        var rejected = answer["rejected"]!.AsArray();
        rejected.Should().ContainSingle(what);
        rejected[0]!["index"]!.GetValue<int>().Should().Be(0, what);
        rejected[0]!["errors"]!.AsObject().Should().ContainKey(field, what);
    }

    private static TheoryData<string> Names(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Quote(string text) => $"\"{text}\"";

    private static string Shorten(string text) => ProblemChecks.Shorten(text);

    private static string Time(TimeSpan fromNow) =>
        DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5.5)).Add(fromNow).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
