using System.Net;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Archive;

/// <summary>The event archive through HTTP: what the streams applied, by dealership and period, paged.</summary>
[Collection(EngineCollection.Name)]
public class EventArchiveRoutesTests(EmbeddedEngine engine)
{
    private readonly HttpClient _admin = engine.CreateClient();

    [Fact]
    public async Task Applied_events_are_archived_in_stream_order_with_their_applied_time_and_read_by_dealership_and_period()
    {
        var traffic = new Traffic(_admin, "archive");
        var other = new Traffic(_admin, "archiveother");
        await traffic.RegisterDealershipAsync();
        await other.RegisterDealershipAsync();
        var before = DateTimeOffset.UtcNow;
        // Sent newest first: the intake orders a batch by occurredAt, and the archive keeps that order.
        var third = traffic.Event("archive-3", "service.visit.completed", traffic.CustomerOnlyVisit("x")["data"]!.DeepClone().AsObject(), minutesAgo: 10);
        var second = traffic.Event("archive-2", "service.visit.completed", traffic.CustomerOnlyVisit("y")["data"]!.DeepClone().AsObject(), minutesAgo: 20);
        var first = traffic.Event("archive-1", "service.visit.completed", traffic.CustomerOnlyVisit("z")["data"]!.DeepClone().AsObject(), minutesAgo: 30);
        (await traffic.PostAsync(third, second, first)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await other.PostAsync(other.CustomerOnlyVisit("archiveother-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var path = $"/api/v1/admin/events?dealershipId={traffic.Dealership}";

        var page = await Eventually.HoldsAsync(() => _admin.GetObjectAsync(path), p => p["items"]!.AsArray().Count == 3);

        var items = page["items"]!.AsArray();
        items.Select(i => i!["eventId"]!.GetValue<string>()).Should().Equal("archive-1", "archive-2", "archive-3");
        items.Select(i => i!["seq"]!.GetValue<long>()).Should().BeInAscendingOrder();
        items.Should().AllSatisfy(i =>
        {
            i!["dealershipId"]!.GetValue<string>().Should().Be(traffic.Dealership);
            i["type"]!.GetValue<string>().Should().Be("service.visit.completed");
            i["data"]!["customerId"]!.GetValue<string>().Should().Be(traffic.Customer());
            i["appliedAt"]!.GetValue<DateTimeOffset>().Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow);
        });
        page["next"]!.GetValue<string>().Should().Be(items[2]!["seq"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));

        // [from, to) by when the events occurred.
        var from = Uri.EscapeDataString(second["occurredAt"]!.GetValue<string>());
        var to = Uri.EscapeDataString(third["occurredAt"]!.GetValue<string>());
        var period = await _admin.GetObjectAsync($"{path}&from={from}&to={to}");
        period["items"]!.AsArray().Select(i => i!["eventId"]!.GetValue<string>()).Should().Equal("archive-2");

        // Paged: each page goes on after the last one's cursor.
        var one = await _admin.GetObjectAsync($"{path}&limit=1");
        one["items"]!.AsArray().Select(i => i!["eventId"]!.GetValue<string>()).Should().Equal("archive-1");
        var two = await _admin.GetObjectAsync($"{path}&limit=2&after={one["next"]!.GetValue<string>()}");
        two["items"]!.AsArray().Select(i => i!["eventId"]!.GetValue<string>()).Should().Equal("archive-2", "archive-3");

        // The other dealership's event is archived under its own id only.
        var others = await Eventually.HoldsAsync(() => _admin.GetObjectAsync($"/api/v1/admin/events?dealershipId={other.Dealership}"), p => p["items"]!.AsArray().Count == 1);
        others["items"]![0]!["eventId"]!.GetValue<string>().Should().Be("archiveother-1");
    }

    [Fact]
    public async Task An_event_sent_again_is_archived_once()
    {
        var traffic = new Traffic(_admin, "archiveonce");
        await traffic.RegisterDealershipAsync();
        var visit = traffic.CustomerOnlyVisit("archiveonce-1");
        (await traffic.PostAsync(visit)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var path = $"/api/v1/admin/events?dealershipId={traffic.Dealership}";
        await Eventually.HoldsAsync(() => _admin.GetObjectAsync(path), p => p["items"]!.AsArray().Count == 1);

        await traffic.PostAsync(visit.DeepClone());
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("archiveonce-2"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var page = await Eventually.HoldsAsync(() => _admin.GetObjectAsync(path), p => p["items"]!.AsArray().Count >= 2);
        page["items"]!.AsArray().Select(i => i!["eventId"]!.GetValue<string>()).Should().Equal("archiveonce-1", "archiveonce-2");
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("dealershipId=not%20an%20id", "dealershipId")]
    [InlineData("from=2026-11-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    public async Task A_bad_query_is_a_problem_naming_its_parameter(string query, string field)
    {
        var refused = await _admin.GetAsync($"/api/v1/admin/events?{query}");
        await ProblemChecks.ShouldBeProblemAsync(refused, $"read archive ?{query}", HttpStatusCode.BadRequest, ownType: true, [field]);
    }
}
