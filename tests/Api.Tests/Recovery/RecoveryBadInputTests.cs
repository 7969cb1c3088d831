using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Recovery;

/// <summary>
/// Bad and hostile input at the service-recovery routes and the customer profile (api.md, limits
/// and bad input): every request is answered 4xx with problem details naming the field at fault,
/// never 500 and never a hang, and nothing is written.
/// </summary>
[Collection(RecoveryCollection.Name)]
public class RecoveryBadInputTests(RecoveryEngine engine)
{
    private const string Prefix = "rcv-bad";
    private const string IncidentId = "complaint:CMP-rcv-bad";
    private const string Incident = "/api/v1/incidents/" + IncidentId;
    private const string Profile = "/api/v1/customers/C-rcv-bad-1/profile";
    private const string Json = "application/json";
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;

    private readonly HttpClient _http = engine.CreateClient();

    /// <summary>A bad request and the answer it must get: <see cref="Fields"/> are the keys the errors map must hold.</summary>
    public sealed record Bad(HttpMethod Method, string Path, string? Body, HttpStatusCode Status, string[] Fields, string ContentType = Json, bool OwnType = true);

    private static readonly Dictionary<string, Bad> Requests = BuildRequests();

    public static TheoryData<string> RequestNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Requests.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RequestNames))]
    public async Task A_bad_request_is_answered_4xx_problem_json_naming_the_field_at_fault(string name)
    {
        await OpenIncidentAsync();
        var bad = Requests[name];

        using var response = await SendAsync(bad);

        await ShouldBeProblemAsync(response, bad);
    }

    [Fact]
    public async Task After_every_bad_request_the_incident_is_still_open_without_a_note_and_the_customer_has_no_profile()
    {
        await OpenIncidentAsync();

        foreach (var bad in Requests.Values)
        {
            using var response = await SendAsync(bad);
            await ShouldBeProblemAsync(response, bad);
        }

        var incident = await _http.GetObjectAsync(RecoveryHttp.IncidentPath(IncidentId));
        incident["status"]!.GetValue<string>().Should().Be("open");
        incident["note"].Should().BeNull("no bad note was stored");
        incident["followUps"]!.AsArray().Should().BeEmpty();
        var customer = await _http.GetObjectAsync("/api/v1/customers/C-rcv-bad-1");
        customer["profile"].Should().BeNull("no bad profile was stored");
    }

    /// <summary>An open complaint of a customer the engine knows (a visit of theirs, its award pending on an empty budget).</summary>
    private async Task OpenIncidentAsync()
    {
        var traffic = new Traffic(_http, Prefix);
        await traffic.RegisterDealershipAsync();
        (await traffic.PostAsync(
            traffic.CustomerOnlyVisit($"{Prefix}-v0"),
            traffic.ComplaintLogged("c1", "CMP-rcv-bad", "medium", minutesAgo: 5))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _http.IncidentAsync(IncidentId, _ => true);
        await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync("/api/v1/customers/C-rcv-bad-1"), c => c.Count > 0);
    }

    private static Dictionary<string, Bad> BuildRequests()
    {
        var cases = new Dictionary<string, Bad>(StringComparer.Ordinal);
        void Add(string name, HttpMethod method, string path, string? body, string? field, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            cases.Add(name, new Bad(method, path, body, status, field is null ? Array.Empty<string>() : new[] { field }));

        // Incident ids in the path, URL-encoded where they must be.
        var ids = new (string Label, string Encoded)[]
        {
            ("encoded ../../admin/audit", "..%2F..%2Fadmin%2Faudit"),
            ("a valid prefix then encoded ../", "delay:..%2F..%2Fadmin"),
            ("encoded ..\\..\\", "defect:..%5C..%5Cwindows"),
            ("control characters", "delay:%01%02%1B%7F"),
            ("CR LF header injection", "complaint:CMP-1%0D%0AX-Injected:%201"),
            ("a space", "delay:JC%201"),
            ("a tilde", "delay:JC~1"),
            ("markup", "complaint:%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
            ("non-ASCII", "delay:JC-%C3%A9"),
            ("invalid UTF-8", "delay:JC-%FF%FE"),
            ("the wrong prefix", "repair:JC-1"),
            ("an upper-case prefix", "DELAY:JC-1"),
            ("no prefix", "JC-1"),
            ("a dash for the colon", "delay-JC-1"),
            ("nothing after the prefix", "delay:"),
            ("129 characters after the prefix", "delay:" + new string('a', 129)),
            ("10,000 characters", "complaint:" + new string('a', 10_000)),
        };
        foreach (var (label, encoded) in ids)
        {
            var path = "/api/v1/incidents/" + encoded;
            Add($"GET incident: id with {label}", Get, path, null, "id");
            Add($"POST follow-up: id with {label}", Post, path + "/follow-ups/7/complete", """{"outcome":"reached"}""", "id");
            Add($"PUT note: id with {label}", Put, path + "/note", """{"note":"Sorry"}""", "id");
        }

        // The follow-up day, on an incident that exists.
        foreach (var (label, day) in new[]
        {
            ("abc", "abc"), ("0", "0"), ("-1", "-1"), ("366", "366"), ("7.0", "7.0"), ("+7", "%2B7"), ("1e1", "1e1"), ("a trailing space", "7%20"),
            ("a Devanagari 7", "%E0%A5%AD"), ("99999999999999999999", "99999999999999999999"), ("10,000 digits", new string('7', 10_000)),
        })
        {
            Add($"POST follow-up: day {label}", Post, $"{Incident}/follow-ups/{day}/complete", """{"outcome":"reached"}""", "day");
        }

        cases.Add("POST follow-up: day and id both bad", new Bad(Post, "/api/v1/incidents/repair:JC-1/follow-ups/abc/complete", """{"outcome":"reached"}""", HttpStatusCode.BadRequest, ["day", "id"]));

        // Bodies: a valid one with one field wrong, on the incident that exists (with a valid body the
        // follow-up would be 409, since an open incident has none scheduled, and the note 200).
        var texts = new (string Label, string Raw)[]
        {
            ("empty", "\"\""), ("1,001 characters", $"\"{new string('x', 1_001)}\""), ("a number", "5"), ("an array", "[\"x\"]"), ("an object", "{}"),
            ("false", "false"), ("a lone surrogate", "\"\\ud800\""),
        };
        foreach (var (label, raw) in texts)
        {
            Add($"POST follow-up: outcome {label}", Post, $"{Incident}/follow-ups/7/complete", $$"""{"outcome":{{raw}},"note":"x"}""", "outcome");
            Add($"POST follow-up: note {label}", Post, $"{Incident}/follow-ups/7/complete", $$"""{"outcome":"reached","note":{{raw}}}""", "note");
            Add($"PUT note: note {label}", Put, $"{Incident}/note", $$"""{"note":{{raw}}}""", "note");
        }

        // What the customer said of the recovery against expectations: a closed vocabulary, or absent / null.
        foreach (var (label, raw) in new[]
        {
            ("an unknown word", "\"amazing\""), ("upper case", "\"EXCEEDED\""), ("empty", "\"\""), ("a number", "2"), ("true", "true"),
            ("an array", "[\"exceeded\"]"), ("an object", "{\"exceeded\":true}"), ("10,000 characters", $"\"{new string('e', 10_000)}\""),
        })
        {
            Add($"POST follow-up: expectations {label}", Post, $"{Incident}/follow-ups/7/complete", $$"""{"outcome":"reached","expectations":{{raw}}}""", "expectations");
        }

        Add("POST follow-up: outcome missing", Post, $"{Incident}/follow-ups/7/complete", """{"note":"called, no answer"}""", "outcome");
        Add("POST follow-up: outcome null", Post, $"{Incident}/follow-ups/7/complete", """{"outcome":null}""", "outcome");
        Add("POST follow-up: an empty object", Post, $"{Incident}/follow-ups/7/complete", "{}", "outcome");
        Add("PUT note: an empty object", Put, $"{Incident}/note", "{}", "note");
        Add("PUT note: note null", Put, $"{Incident}/note", """{"note":null}""", "note");
        Add("PUT note: Note in another case", Put, $"{Incident}/note", """{"Note":"Sorry"}""", "note");

        // Profile: a valid one with one field wrong.
        const string name = "\"name\":\"Asha Rao\"";
        foreach (var (label, preferences, field) in new[]
        {
            ("an unknown experience", "[\"spa\"]", "preferences[0]"),
            ("an unknown experience after a known one", "[\"dining\",\"spa\"]", "preferences[1]"),
            ("a duplicate", "[\"dining\",\"wellness\",\"dining\"]", "preferences[2]"),
            ("a catalog category that is no experience", "[\"cash\"]", "preferences[0]"),
            ("upper case", "[\"DINING\"]", "preferences[0]"),
            ("a number in it", "[5]", "preferences[0]"),
            ("null in it", "[null]", "preferences[0]"),
            ("an array in it", "[[\"dining\"]]", "preferences[0]"),
            ("a string", "\"dining\"", "preferences"),
            ("an object", "{\"dining\":true}", "preferences"),
            ("five of them", "[\"dining\",\"wellness\",\"adventure\",\"lifestyle\",\"dining\"]", "preferences"),
            ("100,000 of them", "[" + string.Join(",", Enumerable.Repeat("\"dining\"", 100_000)) + "]", "preferences"),
        })
        {
            Add($"PUT profile: preferences {label}", Put, Profile, $$"""{{{name}},"preferences":{{preferences}}}""", field);
        }

        foreach (var (label, date) in new[]
        {
            ("month 13", "\"2027-13-01\""), ("February 30", "\"2027-02-30\""), ("day first", "\"01-03-2027\""), ("with a time", "\"2027-03-01T00:00:00Z\""),
            ("prose", "\"next year\""), ("empty", "\"\""), ("a number", "20270301"), ("an array", "[\"2027-03-01\"]"),
        })
        {
            Add($"PUT profile: reviewDate {label}", Put, Profile, $$"""{{{name}},"preferences":["dining"],"reviewDate":{{date}}}""", "reviewDate");
        }

        foreach (var (label, raw) in texts)
        {
            Add($"PUT profile: name {label}", Put, Profile, $$"""{"name":{{raw}},"preferences":["dining"]}""", "name");
        }

        Add("PUT profile: name missing", Put, Profile, """{"preferences":["dining"]}""", "name");
        foreach (var (label, encoded) in new[] { ("encoded ../../admin", "..%2F..%2Fadmin"), ("a space", "C%201"), ("129 characters", new string('c', 129)) })
        {
            Add($"PUT profile: customer id with {label}", Put, $"/api/v1/customers/{encoded}/profile", $$"""{{{name}}}""", "id");
        }

        // Bodies that are not one JSON object, on each route that reads one.
        var bodyRoutes = new (string Name, HttpMethod Method, string Path)[]
        {
            ("POST follow-up", Post, $"{Incident}/follow-ups/7/complete"),
            ("PUT note", Put, $"{Incident}/note"),
            ("PUT profile", Put, Profile),
        };
        foreach (var (route, method, path) in bodyRoutes)
        {
            foreach (var (shape, body) in new[]
            {
                ("an array", "[]"), ("a string", "\"note\""), ("a number", "5"), ("null", "null"), ("true", "true"), ("not JSON", "note=sorry"),
                ("truncated JSON", "{\"note\":\"so"), ("empty", ""), ("two documents", "{}{}"), ("a trailing comma", "{\"note\":\"x\",}"),
                ("10,000 nested arrays", "{\"note\":" + new string('[', 10_000) + new string(']', 10_000) + "}"),
            })
            {
                Add($"{route}: body {shape}", method, path, body, null);
            }

            cases.Add($"{route}: body over 1 MiB", new Bad(method, path, $$"""{"note":"{{new string('x', (1 << 20) + 1)}}"}""", HttpStatusCode.RequestEntityTooLarge, []));
            cases.Add($"{route}: text/plain content type", new Bad(method, path, "{}", HttpStatusCode.UnsupportedMediaType, [], ContentType: "text/plain", OwnType: false));
        }

        // The list's query.
        foreach (var (label, status) in new[]
        {
            ("bogus", "bogus"), ("upper case", "OPEN"), ("empty", ""), ("two of them", "open,closed"), ("encoded traversal", "..%2Fopen"),
            ("a NUL", "open%00"), ("10,000 characters", new string('o', 10_000)),
        })
        {
            Add($"GET incidents: status {label}", Get, $"/api/v1/incidents?dealershipId=DLR-{Prefix}&status={status}", null, "status");
        }

        static string Cursor(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
        foreach (var (label, cursor) in new[]
        {
            ("garbage", "garbage!!!"), ("base64 of junk", Cursor("junk")), ("base64 of a number alone", Cursor("638000000000000000")),
            ("base64 without ticks", Cursor("~complaint:CMP-rcv-bad")), ("base64 with negative ticks", Cursor("-5~complaint:CMP-rcv-bad")),
            ("base64 with ticks past the last instant", Cursor("3155378976000000000~complaint:CMP-rcv-bad")),
            ("base64 with ticks beyond a long", Cursor("99999999999999999999~complaint:CMP-rcv-bad")),
            ("base64 with a bad incident id", Cursor("638000000000000000~../../admin")),
            ("base64 of invalid UTF-8", Base64Url.EncodeToString([0xFF, 0xFE, 0x7E, 0xC3, 0x28])),
            ("standard base64 padding", Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes("junk?")))),
            ("a ledger cursor", "42"), ("empty", ""), ("10,000 characters", new string('A', 10_000)),
        })
        {
            Add($"GET incidents: cursor {label}", Get, $"/api/v1/incidents?dealershipId=DLR-{Prefix}&cursor={cursor}", null, "cursor");
        }

        foreach (var (label, limit) in new[]
        {
            ("0", "0"), ("1001", "1001"), ("abc", "abc"), ("-1", "-1"), ("1.5", "1.5"), ("+5", "%2B5"), ("empty", ""), ("99999999999999999999", "99999999999999999999"),
        })
        {
            Add($"GET incidents: limit {label}", Get, $"/api/v1/incidents?dealershipId=DLR-{Prefix}&limit={limit}", null, "limit");
        }

        foreach (var (label, dealership) in new[] { ("encoded traversal", "..%2F..%2Fadmin"), ("a NUL", "DLR%00"), ("129 characters", new string('d', 129)), ("empty", "") })
        {
            Add($"GET incidents: dealershipId {label}", Get, $"/api/v1/incidents?dealershipId={dealership}", null, "dealershipId");
            Add($"GET recovery analytics: dealershipId {label}", Get, $"/api/v1/analytics/recovery?dealershipId={dealership}", null, "dealershipId");
        }

        // The analytics' query.
        foreach (var (label, time) in new[]
        {
            ("prose", "yesterday"), ("a date only", "2026-11-01"), ("without an offset", "2026-11-01T00:00:00"),
            ("with an unencoded plus (read as a space)", "2026-11-01T00:00:00+05:30"), ("month 13", "2026-13-01T00:00:00Z"),
            ("February 30", "2026-02-30T00:00:00Z"), ("an offset of 25 hours", "2026-11-01T00:00:00%2B25:00"), ("past the last instant once offset", "9999-12-31T23:59:59-14:00"), ("a Unix time", "1767225600"),
            ("empty", ""), ("10,000 characters", new string('2', 10_000)),
        })
        {
            Add($"GET recovery analytics: from {label}", Get, $"/api/v1/analytics/recovery?from={time}", null, "from");
            Add($"GET recovery analytics: to {label}", Get, $"/api/v1/analytics/recovery?to={time}", null, "to");
        }

        Add("GET recovery analytics: to before from", Get, "/api/v1/analytics/recovery?from=2026-11-02T00:00:00%2B05:30&to=2026-11-01T00:00:00%2B05:30", null, "to");
        Add("GET recovery analytics: to before from in another offset", Get,
            "/api/v1/analytics/recovery?from=2026-11-01T00:00:00Z&to=2026-11-01T05:00:00%2B05:30", null, "to");
        foreach (var (label, state) in new[] { ("XX", "XX"), ("lower case ka", "ka"), ("a NUL", "KA%00"), ("encoded traversal", "..%2FKA"), ("empty", ""), ("10,000 characters", new string('K', 10_000)) })
        {
            Add($"GET recovery analytics: state {label}", Get, $"/api/v1/analytics/recovery?state={state}", null, "state");
        }

        return cases;
    }

    /// <summary>Sends the request with its own deadline: a hung request fails the test instead of blocking the suite.</summary>
    private async Task<HttpResponseMessage> SendAsync(Bad bad)
    {
        using var request = new HttpRequestMessage(bad.Method, bad.Path);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(bad.Body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(bad.ContentType);
        }

        return await _http.SendWithDeadlineAsync(request);
    }

    private static Task ShouldBeProblemAsync(HttpResponseMessage response, Bad bad) =>
        ProblemChecks.ShouldBeProblemAsync(response, $"{bad.Method} {Shorten(bad.Path)}", bad.Status, bad.OwnType, bad.Fields);

    private static string Shorten(string text) => ProblemChecks.Shorten(text);
}
