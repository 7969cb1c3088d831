using System.Net;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Archive;

/// <summary>The archive's retention, on an engine of its own: its program time moves 400 days ahead.</summary>
public class EventArchiveRetentionTests
{
    [Fact]
    public async Task The_sweep_removes_the_events_that_occurred_before_the_retention_and_keeps_the_rest()
    {
        await using var engine = new TimeTravelEngine();
        var admin = engine.CreateClient();
        var traffic = new Traffic(admin, "retention");
        await traffic.RegisterDealershipAsync();
        var older = traffic.Event("retention-1", "service.visit.completed", traffic.CustomerOnlyVisit("a")["data"]!.DeepClone().AsObject(), minutesAgo: 30);
        var newer = traffic.Event("retention-2", "service.visit.completed", traffic.CustomerOnlyVisit("b")["data"]!.DeepClone().AsObject(), minutesAgo: 10);
        (await traffic.PostAsync(older, newer)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var path = $"/api/v1/admin/events?dealershipId={traffic.Dealership}";
        await Eventually.HoldsAsync(() => admin.GetObjectAsync(path), p => p["items"]!.AsArray().Count == 2);

        // The retention (the 400-day intake window by default) then reaches back to 20 minutes
        // before the engine's start: past the older event, short of the newer.
        engine.Clock.Advance(TimeSpan.FromDays(400) - TimeSpan.FromMinutes(20));
        var removed = await engine.Grains.GetGrain<IEventArchiveSweepGrain>(IEventArchiveSweepGrain.Key).SweepAsync();

        removed.Should().Be(1);
        var page = await admin.GetObjectAsync(path);
        page["items"]!.AsArray().Select(i => i!["eventId"]!.GetValue<string>()).Should().Equal("retention-2");
    }
}
