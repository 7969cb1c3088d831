using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Pitstop.Silo.Hosting;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>
/// One trace per intake batch: the HTTP request, the batch's publishing, the router's delivery
/// from the stream, and the calls to the grains the events concern, all under one trace id.
/// </summary>
public class TracingTests(TracingTests.TracedEngine engine) : IClassFixture<TracingTests.TracedEngine>
{
    [Fact]
    public async Task A_batch_s_trace_runs_from_the_request_through_the_stream_into_the_grains()
    {
        using var http = engine.CreateClient();
        var traffic = new Traffic(http, "traced");
        await traffic.RegisterDealershipAsync();
        var response = await http.PostAsJsonAsync("/api/v1/events?wait=applied", new JsonObject { ["events"] = new JsonArray(traffic.VisitCompleted("traced-1")) });
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["applied"]!.GetValue<bool>().Should().BeTrue();

        // Found from the delivery to this test's dealership: span listeners are process-wide, so the
        // spans kept here include those of other engines' batches running in the same test process.
        var delivery = await Eventually.HoldsAsync(
            () => Task.FromResult(engine.Spans.FirstOrDefault(s => s.DisplayName == "intake deliver" && s.GetTagItem("pitstop.dealership") as string == traffic.Dealership)),
            s => s is not null);
        var trace = delivery!.TraceId;
        var publish = await Eventually.HoldsAsync(() => Task.FromResult(engine.Spans.SingleOrDefault(s => s.SpanId == delivery.ParentSpanId)), s => s is not null);
        publish!.DisplayName.Should().Be("intake publish", "the router's delivery continues the batch's trace across the stream");
        publish.GetTagItem("pitstop.events").Should().Be(1);
        var request = await Eventually.HoldsAsync(() => Task.FromResult(engine.Spans.SingleOrDefault(s => s.SpanId == publish.ParentSpanId)), s => s is not null);
        request!.Source.Name.Should().Be("Microsoft.AspNetCore", "the batch's span is a child of its HTTP request");
        // The customer and the technician the visit concerns applied it within the batch's trace
        // (fails with the grains that were called in it); staff are handed their dealership's state
        // with the events, through their own ApplyAsync.
        await Eventually.HoldsAsync(
            () => Task.FromResult(engine.Spans
                .Where(s => s.TraceId == trace && s.Kind == ActivityKind.Server && s.GetTagItem("rpc.method") is
                    "Pitstop.Grains.Interfaces.Intake.IEventConsumer/ApplyAsync" or "Pitstop.Grains.Interfaces.League.IStaffGrain/ApplyAsync")
                .Select(s => s.GetTagItem("orleans.rpc.target_id") as string ?? "")
                .ToList()),
            grains => grains.Any(g => g.EndsWith(traffic.Customer(), StringComparison.Ordinal)) && grains.Any(g => g.EndsWith(traffic.Staff("T"), StringComparison.Ordinal)));
    }

    /// <summary>The embedded engine with its spans kept in memory.</summary>
    public sealed class TracedEngine : EmbeddedEngine
    {
        private readonly List<Activity> _spans = [];

        public IReadOnlyList<Activity> Spans
        {
            get
            {
                lock (_spans)
                {
                    return [.. _spans];
                }
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Traces wanted without an OTLP push: the grain calls carry them.
            builder.UseSetting(TelemetryWiring.TracesSetting, "true");
            builder.ConfigureServices(services => services.AddOpenTelemetry().WithTracing(tracing => tracing
                .AddSource(TelemetryWiring.TraceSources)
                .AddProcessor(new KeepSpans(_spans))));
        }
    }

    /// <summary>Keeps each span as it ends (the in-memory exporter's list is not safe to read while spans end).</summary>
    private sealed class KeepSpans(List<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            lock (spans)
            {
                spans.Add(data);
            }
        }
    }
}
