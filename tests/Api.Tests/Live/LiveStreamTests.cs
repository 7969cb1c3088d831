using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Pitstop.Api.Tests.Security;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Live;

/// <summary>
/// Server-sent events of the notification feed and the leaderboards: what a kiosk or a dashboard
/// receives without polling, within the caller's scope, resumable.
/// </summary>
[Collection(EngineCollection.Name)]
public class LiveStreamTests(EmbeddedEngine engine)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly HttpClient _admin = engine.CreateClient();

    /// <summary>An open stream and its events, read as they come.</summary>
    private sealed class Stream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events) : IAsyncDisposable
    {
        public HttpResponseMessage Response => response;

        /// <summary>The next event that is not a heartbeat and satisfies <paramref name="wanted"/>.</summary>
        public async Task<SseItem<string>> NextAsync(Func<SseItem<string>, bool>? wanted = null)
        {
            while (await events.MoveNextAsync())
            {
                if (events.Current.EventType != "heartbeat" && (wanted?.Invoke(events.Current) ?? true))
                {
                    return events.Current;
                }
            }

            throw new InvalidOperationException("the stream ended");
        }

        public async ValueTask DisposeAsync()
        {
            await events.DisposeAsync();
            response.Dispose();
        }
    }

    private static async Task<Stream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var cancellation = new CancellationTokenSource(Patience);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation.Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await BodyIfNotStreamAsync(response));
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var body = await response.Content.ReadAsStreamAsync(cancellation.Token);
        return new Stream(response, SseParser.Create(body).EnumerateAsync(cancellation.Token).GetAsyncEnumerator(cancellation.Token));
    }

    private static async Task<string> BodyIfNotStreamAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK ? "" : await response.Content.ReadAsStringAsync();

    private static JsonObject Json(SseItem<string> item) => JsonNode.Parse(item.Data)!.AsObject();

    private static bool Of(SseItem<string> item, string dealershipId) =>
        item.EventType == "notification" && Json(item)["dealershipId"]?.GetValue<string>() == dealershipId;

    private HttpClient Bearer(string role, params string[] dealerships)
    {
        var client = engine.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthorizationTests.Token($"live-{role}", role, TestCredentials.JwtSigningKey, dealerships));
        return client;
    }

    [Fact]
    public async Task A_notification_raised_after_the_stream_opened_arrives_with_its_feed_position_as_id()
    {
        var traffic = new Traffic(_admin, "live-notify");
        await traffic.RegisterDealershipAsync();
        await using var stream = await OpenAsync(_admin, "/api/v1/notifications/live");

        // A top-up raises a budget.top-up notification for the dealership.
        await traffic.FundBudgetAsync(1_000);

        var item = await stream.NextAsync(i => Of(i, traffic.Dealership));
        var notification = Json(item);
        notification["type"]!.GetValue<string>().Should().Be("budget.top-up");
        item.EventId.Should().Be(notification["seq"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_receives_everything_after_that_position_in_order()
    {
        var before = new Traffic(_admin, "live-resume-a");
        var after = new Traffic(_admin, "live-resume-b");
        await before.RegisterDealershipAsync();
        await after.RegisterDealershipAsync();
        await before.FundBudgetAsync(1_000);
        await after.FundBudgetAsync(1_000);
        var feed = await Eventually.HoldsAsync(() => _admin.NotificationFeedAsync(), n => n.Exists(x => x["dealershipId"]?.GetValue<string>() == after.Dealership));
        var seen = feed.Single(n => n["dealershipId"]?.GetValue<string>() == before.Dealership)["seq"]!.GetValue<long>();

        await using var stream = await OpenAsync(_admin, "/api/v1/notifications/live", lastEventId: seen.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var next = await stream.NextAsync(i => Of(i, before.Dealership) || Of(i, after.Dealership));
        Json(next)["dealershipId"]!.GetValue<string>().Should().Be(after.Dealership, "the other top-up was at or before the position given");
        long.Parse(next.EventId!, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(seen);
    }

    [Fact]
    public async Task A_scoped_reader_s_stream_carries_only_its_dealerships_notifications()
    {
        var mine = new Traffic(_admin, "live-scope-mine");
        var theirs = new Traffic(_admin, "live-scope-theirs");
        await mine.RegisterDealershipAsync();
        await theirs.RegisterDealershipAsync();
        await using var stream = await OpenAsync(Bearer("cx", mine.Dealership), "/api/v1/notifications/live");

        await theirs.FundBudgetAsync(1_000);
        await mine.FundBudgetAsync(1_000);

        var first = await stream.NextAsync();
        Json(first)["dealershipId"]!.GetValue<string>().Should().Be(mine.Dealership, "the other dealership's top-up came first but is not the reader's to see");
    }

    [Fact]
    public async Task A_leaderboard_stream_sends_the_board_then_each_change_without_a_reload()
    {
        var traffic = new Traffic(_admin, "live-board");
        await traffic.RegisterDealershipAsync();
        await using var stream = await OpenAsync(_admin, $"/api/v1/leaderboards/technician/live?scope=dealership:{traffic.Dealership}");

        var opening = Json(await stream.NextAsync());
        opening["members"]!.GetValue<int>().Should().Be(0);

        var applied = await _admin.PostAsJsonAsync("/api/v1/events?wait=applied", new JsonObject { ["events"] = new JsonArray(traffic.VisitCompleted("live-board-1")) });
        applied.StatusCode.Should().Be(HttpStatusCode.Accepted);

        // Each technician's score reaches the board on its own: read until both are there.
        var changed = Json(await stream.NextAsync(i => Json(i)["members"]!.GetValue<int>() == 2));
        changed["entries"]!.AsArray().Select(e => (e!["staffId"]!.GetValue<string>(), e["score"]!.GetValue<long>()))
            .Should().BeEquivalentTo([(traffic.Staff("T", 1), 192L), (traffic.Staff("T", 2), 192L)]);
    }

    [Theory]
    [InlineData("/api/v1/notifications/live?after=soon", "after")]
    [InlineData("/api/v1/leaderboards/manager/live", "role")]
    [InlineData("/api/v1/leaderboards/technician/live?scope=galaxy", "scope")]
    [InlineData("/api/v1/leaderboards/technician/live?top=0", "top")]
    public async Task Bad_parameters_are_refused_naming_the_field(string path, string field)
    {
        var response = await _admin.GetAsync(path);

        await ProblemChecks.ShouldBeProblemAsync(response, path, HttpStatusCode.BadRequest, ownType: true, [field]);
    }

    [Fact]
    public async Task A_Last_Event_ID_that_is_not_a_position_is_refused_naming_the_header()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/notifications/live");
        request.Headers.Add("Last-Event-ID", "yesterday");

        var response = await _admin.SendAsync(request);

        await ProblemChecks.ShouldBeProblemAsync(response, "GET /notifications/live", HttpStatusCode.BadRequest, ownType: true, ["Last-Event-ID"]);
    }

    [Fact]
    public async Task A_board_of_an_unknown_dealership_is_not_found_and_streams_need_credentials()
    {
        (await _admin.GetAsync("/api/v1/leaderboards/technician/live?scope=dealership:DLR-NOWHERE-9")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await engine.CreateAnonymousClient().GetAsync("/api/v1/notifications/live")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await engine.CreateAnonymousClient().GetAsync("/api/v1/leaderboards/technician/live")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
