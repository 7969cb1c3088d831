using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Recovery;

/// <summary>
/// <c>GET /api/v1/incidents</c> (api.md, service recovery): newest first by opening time then id,
/// filtered by status, paged by an opaque cursor without gaps or repeats, merged over every
/// dealership in the caller's scope when no dealership is named.
/// </summary>
[Collection(RecoveryCollection.Name)]
public class IncidentListTests(RecoveryEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    /// <summary>An incident as the test created it, and what the list must say of it.</summary>
    private sealed record Expected(string IncidentId, string Kind, string Severity, string Status, string CustomerId, string OpenedAt, long Points);

    /// <summary>
    /// Five incidents of one dealership, ten minutes apart, each of its own customer (so that the
    /// repeat rule leaves severities alone). The budget holds exactly one minor recovery and may not
    /// top itself up: the oldest incident is recovered, the next closed with its recovery pending,
    /// the three newest open. Answered newest first.
    /// </summary>
    private async Task<(Traffic Traffic, List<Expected> NewestFirst)> FiveIncidentsAsync(string prefix)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync();
        (await _http.SendJsonAsync(HttpMethod.Put, $"/api/v1/dealerships/{traffic.Dealership}/budget/policy", new { threshold = 0, amount = 0, monthlyCap = 0 }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await traffic.FundBudgetAsync(5_000);

        var first = traffic.ComplaintLogged("c1", $"CMP-{prefix}-1", "low", customer: 1, minutesAgo: 50);
        (await traffic.PostAsync(first, traffic.IncidentResolved("r1", $"complaint:CMP-{prefix}-1", minutesAgo: 45))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _http.RecoveredAsync($"complaint:CMP-{prefix}-1");

        var second = traffic.ComplaintLogged("c2", $"CMP-{prefix}-2", "low", customer: 2, minutesAgo: 40);
        (await traffic.PostAsync(second, traffic.IncidentResolved("r2", $"complaint:CMP-{prefix}-2", minutesAgo: 35))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var closed = await _http.IncidentAsync($"complaint:CMP-{prefix}-2", i => i["status"]!.GetValue<string>() != "open");
        closed["status"]!.GetValue<string>().Should().Be("closed", "the budget was spent on the first recovery, so this one waits");

        var third = traffic.DefectReported("d3", $"JC-{prefix}-3", customer: 3, minutesAgo: 30);
        var fourth = traffic.ComplaintLogged("c4", $"CMP-{prefix}-4", "medium", customer: 4, minutesAgo: 20);
        var fifth = traffic.DefectReported("d5", $"JC-{prefix}-5", customer: 5, minutesAgo: 10);
        (await traffic.PostAsync(third, fourth, fifth)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        foreach (var id in new[] { $"defect:JC-{prefix}-3", $"complaint:CMP-{prefix}-4", $"defect:JC-{prefix}-5" })
        {
            await _http.IncidentAsync(id, _ => true);
        }

        static string At(JsonObject e) => e["occurredAt"]!.GetValue<string>();
        return (traffic,
        [
            new($"defect:JC-{prefix}-5", "defect", "moderate", "open", traffic.Customer(5), At(fifth), 0),
            new($"complaint:CMP-{prefix}-4", "complaint", "moderate", "open", traffic.Customer(4), At(fourth), 0),
            new($"defect:JC-{prefix}-3", "defect", "moderate", "open", traffic.Customer(3), At(third), 0),
            // A closed incident's recovery is counted at its points while it waits for the budget.
            new($"complaint:CMP-{prefix}-2", "complaint", "minor", "closed", traffic.Customer(2), At(second), 5_000),
            new($"complaint:CMP-{prefix}-1", "complaint", "minor", "recovered", traffic.Customer(1), At(first), 5_000),
        ]);
    }

    /// <summary>Open complaints of one dealership, opened the given minutes ago, each of its own customer; their ids.</summary>
    private async Task<List<string>> OpenComplaintsAsync(Traffic traffic, string state, params int[] minutesAgo)
    {
        await traffic.RegisterDealershipAsync(state);
        var ids = new List<string>();
        var events = new List<JsonNode>();
        for (var i = 0; i < minutesAgo.Length; i++)
        {
            var complaintId = $"CMP-{traffic.Dealership}-{minutesAgo[i]}";
            events.Add(traffic.ComplaintLogged($"c{minutesAgo[i]}", complaintId, "low", customer: i + 1, minutesAgo: minutesAgo[i]));
            ids.Add($"complaint:{complaintId}");
        }

        (await traffic.PostAsync([.. events])).StatusCode.Should().Be(HttpStatusCode.Accepted);
        foreach (var id in ids)
        {
            await _http.IncidentAsync(id, _ => true);
        }

        return ids;
    }

    [Fact]
    public async Task A_dealerships_incidents_are_listed_newest_first_with_kind_severity_status_customer_and_recovery_points()
    {
        var (traffic, expected) = await FiveIncidentsAsync("rcv-list");

        var page = await _http.GetObjectAsync($"/api/v1/incidents?dealershipId={traffic.Dealership}");

        page["next"].Should().BeNull("five incidents fit the default page");
        var items = page["incidents"]!.AsArray().Select(i => i!.AsObject()).ToList();
        items.Select(i => i["incidentId"]!.GetValue<string>()).Should().Equal(expected.Select(e => e.IncidentId));
        foreach (var (item, want) in items.Zip(expected))
        {
            var what = want.IncidentId;
            item["kind"]!.GetValue<string>().Should().Be(want.Kind, what);
            item["severity"]!.GetValue<string>().Should().Be(want.Severity, what);
            item["status"]!.GetValue<string>().Should().Be(want.Status, what);
            item["customerId"]!.GetValue<string>().Should().Be(want.CustomerId, what);
            item["dealershipId"]!.GetValue<string>().Should().Be(traffic.Dealership, what);
            DateTimeOffset.Parse(item["openedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                .Should().Be(DateTimeOffset.Parse(want.OpenedAt, System.Globalization.CultureInfo.InvariantCulture), what);
            item["points"]!.GetValue<long>().Should().Be(want.Points, what);
            (item["closedAt"] is not null).Should().Be(want.Status != "open", what);
            (item["deliveredAt"] is not null).Should().Be(want.Status == "recovered", what);
        }
    }

    [Theory]
    [InlineData("open", new[] { 5, 4, 3 })]
    [InlineData("closed", new[] { 2 })]
    [InlineData("recovered", new[] { 1 })]
    public async Task A_status_filter_lists_only_the_incidents_of_that_status_newest_first(string status, int[] incidents)
    {
        var (traffic, expected) = await FiveIncidentsAsync($"rcv-status-{status}");
        var wanted = incidents.Select(n => expected[5 - n].IncidentId).ToList();

        var whole = await _http.IncidentPagesAsync($"dealershipId={traffic.Dealership}&status={status}");
        var paged = await _http.IncidentPagesAsync($"dealershipId={traffic.Dealership}&status={status}&limit=2");

        whole.IncidentIds().Should().Equal(wanted);
        whole.SelectMany(p => p).Should().OnlyContain(i => i!["status"]!.GetValue<string>() == status);
        paged.IncidentIds().Should().Equal(wanted, "paging a filtered list skips the other statuses without losing any");
    }

    [Fact]
    public async Task Pages_of_two_follow_the_cursor_through_every_incident_once_even_when_a_newer_one_arrives_meanwhile()
    {
        var (traffic, expected) = await FiveIncidentsAsync("rcv-page");
        var query = $"/api/v1/incidents?dealershipId={traffic.Dealership}&limit=2";

        var first = await _http.GetObjectAsync(query);
        // An incident newer than all five opens between two pages: it belongs before page one, so later pages must not show it.
        var newest = traffic.ComplaintLogged("c6", "CMP-rcv-page-6", "low", customer: 6, minutesAgo: 1);
        (await traffic.PostAsync(newest)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _http.IncidentAsync("complaint:CMP-rcv-page-6", _ => true);
        var second = await _http.GetObjectAsync($"{query}&cursor={Uri.EscapeDataString(first["next"]!.GetValue<string>())}");
        var third = await _http.GetObjectAsync($"{query}&cursor={Uri.EscapeDataString(second["next"]!.GetValue<string>())}");

        static List<string> Ids(JsonObject page) => [.. page["incidents"]!.AsArray().Select(i => i!["incidentId"]!.GetValue<string>())];
        Ids(first).Should().Equal(expected[0].IncidentId, expected[1].IncidentId);
        Ids(second).Should().Equal(expected[2].IncidentId, expected[3].IncidentId);
        Ids(third).Should().Equal(expected[4].IncidentId);
        third["next"].Should().BeNull("the last page has fewer than the limit");
        (await _http.IncidentPagesAsync($"dealershipId={traffic.Dealership}&limit=2")).IncidentIds()
            .Should().Equal(["complaint:CMP-rcv-page-6", .. expected.Select(e => e.IncidentId)], "a fresh read starts from the newest");
    }

    [Fact]
    public async Task A_full_last_page_answers_a_cursor_whose_page_is_empty_and_ends_the_list()
    {
        var traffic = new Traffic(_http, "rcv-even");
        var ids = await OpenComplaintsAsync(traffic, "KA", 10, 20, 30, 40);

        var pages = await _http.IncidentPagesAsync($"dealershipId={traffic.Dealership}&limit=2");

        pages.Select(p => p.Count).Should().Equal(2, 2, 0);
        pages.IncidentIds().Should().Equal(ids);
    }

    [Fact]
    public async Task Incidents_opened_at_the_same_instant_are_listed_by_id_the_greater_first_and_paged_one_by_one()
    {
        var traffic = new Traffic(_http, "rcv-tie");
        await traffic.RegisterDealershipAsync();
        var events = new[] { "b", "a", "c" }.Select((s, i) => traffic.ComplaintLogged($"c-{s}", $"CMP-rcv-tie-{s}", "low", customer: i + 1)).ToList();
        foreach (var e in events.Skip(1))
        {
            e["occurredAt"] = events[0]["occurredAt"]!.DeepClone();
        }

        (await traffic.PostAsync([.. events])).StatusCode.Should().Be(HttpStatusCode.Accepted);
        foreach (var s in new[] { "a", "b", "c" })
        {
            await _http.IncidentAsync($"complaint:CMP-rcv-tie-{s}", _ => true);
        }

        var pages = await _http.IncidentPagesAsync($"dealershipId={traffic.Dealership}&limit=1");

        pages.IncidentIds().Should().Equal("complaint:CMP-rcv-tie-c", "complaint:CMP-rcv-tie-b", "complaint:CMP-rcv-tie-a");
    }

    [Fact]
    public async Task Without_a_dealership_the_list_merges_every_dealership_in_the_callers_scope_newest_first()
    {
        var karnataka = new Traffic(_http, "rcv-merge-ka");
        var kerala = new Traffic(_http, "rcv-merge-kl");
        var elsewhere = new Traffic(_http, "rcv-merge-out");
        var ka = await OpenComplaintsAsync(karnataka, "KA", 10, 30, 50);
        var kl = await OpenComplaintsAsync(kerala, "KL", 20, 40);
        var outside = await OpenComplaintsAsync(elsewhere, "KA", 25);
        List<string> merged = [ka[0], kl[0], ka[1], kl[1], ka[2]];

        // Customer experience scoped to two dealerships, one in each state.
        var cx = engine.CreateAnonymousClient();
        cx.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthorizationTests.Token("cx-two", "cx", TestCredentials.JwtSigningKey, dealerships: [karnataka.Dealership, kerala.Dealership]));
        var cxPages = await cx.IncidentPagesAsync("limit=2");

        cxPages.IncidentIds().Should().Equal(merged, "pages of two run across both dealerships, newest first, and nothing else");
        cxPages.Select(p => p.Count).Should().Equal(2, 2, 1);

        var lead = engine.CreateClientWithKey(TestCredentials.RegionalLeadKeralaKey);
        var leadPages = await lead.IncidentPagesAsync("limit=1000");
        var leadIds = leadPages.IncidentIds();
        leadIds.Where(kl.Contains).Should().Equal(kl);
        leadIds.Should().NotContain(ka).And.NotContain(outside);
        foreach (var dealership in leadPages.SelectMany(p => p).Select(i => i!["dealershipId"]!.GetValue<string>()).Distinct())
        {
            (await _http.GetObjectAsync($"/api/v1/dealerships/{dealership}"))["profile"]!["state"]!.GetValue<string>()
                .Should().Be("KL", $"{dealership} is listed to a Kerala lead");
        }

        var all = (await _http.IncidentPagesAsync("limit=1000")).SelectMany(p => p).Select(i => i!.AsObject()).ToList();
        all.Select(i => i["incidentId"]!.GetValue<string>()).Where(id => merged.Contains(id) || outside.Contains(id))
            .Should().Equal(ka[0], kl[0], outside[0], ka[1], kl[1], ka[2]);
        all.Select(i => (At: DateTimeOffset.Parse(i["openedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Id: i["incidentId"]!.GetValue<string>()))
            .Should().BeInDescendingOrder(Comparer<(DateTimeOffset At, string Id)>.Create((x, y) =>
                x.At != y.At ? x.At.CompareTo(y.At) : string.CompareOrdinal(x.Id, y.Id)), "the admin's list is the whole network, newest first");
    }

    [Fact]
    public async Task An_unknown_dealership_is_404_problem_json_for_the_admin()
    {
        var response = await _http.GetAsync("/api/v1/incidents?dealershipId=DLR-rcv-list-never-registered");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/not-found");
    }
}
