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
/// An engine whose dealerships' routers never confirm an announcement while <see cref="Hanging"/> is
/// set, as a router whose silo is stopping would: the embedded acceptance is the real one, only
/// the announcement it is handed never completes.
/// </summary>
public sealed class SlowRouterEngine : EmbeddedEngine
{
    private volatile bool _hanging = true;

    public bool Hanging { get => _hanging; set => _hanging = value; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IEventAcceptance>(provider =>
            new HangingAnnouncements(ActivatorUtilities.CreateInstance<MemoryEventAcceptance>(provider), this)));
    }

    private sealed class HangingAnnouncements(IEventAcceptance inner, SlowRouterEngine engine) : IEventAcceptance
    {
        private static readonly Task Never = new TaskCompletionSource().Task;

        public Task<Admission> AcceptAsync(IReadOnlyList<DmsEvent> events, Func<IReadOnlyList<DmsEvent>, Task>? announce, CancellationToken cancellation) =>
            inner.AcceptAsync(events, announce is null || !engine.Hanging ? announce : _ => Never, cancellation);
    }
}

[CollectionDefinition(Name)]
public sealed class SlowRouterCollection : ICollectionFixture<SlowRouterEngine>
{
    public const string Name = "slow router engine";
}

/// <summary>
/// A client that waits for its events (<c>?wait=applied</c>) has the routers told first; a router
/// that does not confirm within <see cref="Announcements.Bound"/> costs that request a 503 and
/// nothing else: none of its events is accepted, so the same batch sent again is new.
/// </summary>
[Collection(SlowRouterCollection.Name)]
public class SlowRouterTests(SlowRouterEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_waiting_batch_whose_router_does_not_confirm_is_answered_503_and_nothing_of_it_is_accepted()
    {
        var traffic = new Traffic(_http, "slow-router");
        await traffic.RegisterDealershipAsync();
        var batch = new JsonObject { ["events"] = new JsonArray(traffic.VisitCompleted("slow-1"), traffic.VisitCompleted("slow-2")) };

        var refused = await _http.PostAsJsonAsync("/api/v1/events?wait=applied", batch.DeepClone());

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/unavailable");

        engine.Hanging = false;
        var again = await _http.PostAsJsonAsync("/api/v1/events?wait=applied", batch.DeepClone());

        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var answer = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        answer["accepted"]!.GetValue<int>().Should().Be(2, "the refused request left no key behind");
        answer["applied"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        var customer = await _http.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{traffic.Customer()}");
        customer!["eventsApplied"]!.GetValue<int>().Should().Be(2);
    }
}
