using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pitstop.Api.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Silo.Streams;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>
/// An engine whose request timeout is two seconds and whose acceptance stalls on every batch, as a
/// PostgreSQL that stops answering would: any batch of events outlives the timeout. Its live
/// streams send a heartbeat every second.
/// </summary>
public sealed class StalledIntakeEngine : EmbeddedEngine
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public StalledEventAcceptance Acceptance { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:RequestTimeout", Timeout.ToString());
        // The live streams' least heartbeat: a stream shows it is still open every second.
        builder.UseSetting("Api:Live:Heartbeat", "00:00:01");
        builder.ConfigureTestServices(services => services.AddSingleton<IEventAcceptance>(Acceptance));
    }
}

/// <summary>An acceptance that never answers, and notes when the request waiting on it gives up.</summary>
public sealed class StalledEventAcceptance : IEventAcceptance
{
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Cancelled => _cancelled.Task;

    public async Task<Admission> AcceptAsync(IReadOnlyList<DmsEvent> events, Func<IReadOnlyList<DmsEvent>, Task>? announce, CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(System.Threading.Timeout.Infinite, cancellation);
        }
        catch (OperationCanceledException)
        {
            _cancelled.TrySetResult();
            throw;
        }

        throw new InvalidOperationException("An infinite delay ended without being cancelled.");
    }
}

[CollectionDefinition(Name)]
public sealed class StalledIntakeCollection : ICollectionFixture<StalledIntakeEngine>
{
    public const string Name = "stalled intake engine";
}

/// <summary>
/// Request timeouts (api.md, decisions.md): a request that outlives <c>Api:RequestTimeout</c> is answered 504 and its work
/// cancelled; the live streams (server-sent events) are exempt.
/// </summary>
[Collection(StalledIntakeCollection.Name)]
public class RequestTimeoutTests(StalledIntakeEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_batch_that_outlives_the_request_timeout_is_answered_504_problem_json_and_its_work_is_cancelled()
    {
        var traffic = new Traffic(_http, "timeout");
        // Registering touches no idempotency record; on a cold engine it may itself take longer than the timeout once.
        await Eventually.HoldsAsync(
            async () => (await _http.PutAsJsonAsync($"/api/v1/dealerships/{traffic.Dealership}", new { name = "Pitstop timeout", city = "Pune", state = "MH", region = "west" })).StatusCode,
            status => status == HttpStatusCode.OK);
        var started = TimeProvider.System.GetTimestamp();

        using var response = await traffic.PostAsync(traffic.VisitCompleted("timeout-visit"));

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout, text);
        (response.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json");
        JsonNode.Parse(text)!["status"]!.GetValue<int>().Should().Be(504);
        elapsed.Should().BeGreaterThanOrEqualTo(StalledIntakeEngine.Timeout).And.BeLessThan(StalledIntakeEngine.Timeout * 5);
        await engine.Acceptance.Cancelled.WaitAsync(TimeSpan.FromSeconds(5));
        (await _http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK, "a timed-out request leaves the engine answering");
    }

    [Fact]
    public async Task A_live_stream_outlives_the_request_timeout()
    {
        using var deadline = new CancellationTokenSource(StalledIntakeEngine.Timeout * 10);
        using var response = await _http.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/v1/leaderboards/technician/live?scope=national"), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var started = TimeProvider.System.GetTimestamp();
        var events = System.Net.ServerSentEvents.SseParser.Create(await response.Content.ReadAsStreamAsync(deadline.Token)).EnumerateAsync(deadline.Token);

        // Heartbeats keep coming well after the request timeout: the stream was not ended by it.
        var heartbeatsAfterTimeout = 0;
        await foreach (var item in events)
        {
            if (item.EventType == "heartbeat" && TimeProvider.System.GetElapsedTime(started) > StalledIntakeEngine.Timeout * 2 && ++heartbeatsAfterTimeout == 2)
            {
                break;
            }
        }

        heartbeatsAfterTimeout.Should().Be(2, "the stream should still be open {0} after it opened", StalledIntakeEngine.Timeout * 2);
    }
}
