using Pitstop.Grains.Configuration;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Recovery;
using Pitstop.Grains.Simulation;

namespace Pitstop.Rules.Tests.Simulation;

public class ReplayPlanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly RecoveryRules Recovery = new(new RecoveryOptions());

    private long _seq;

    [Fact]
    public void A_dealerships_events_archived_together_at_one_time_are_one_chunk_of_at_most_a_routers_size_after_its_previous_chunk()
    {
        var events = new List<ArchivedEvent>
        {
            Sale("A", "s1", "C-1", T0),
            Sale("A", "s2", "C-2", T0),
            Sale("A", "s3", "C-3", T0.AddSeconds(1)),
        };
        events.AddRange(Enumerable.Range(0, EventRouterGrain.EventsPerChunk + 1).Select(i => Sale("A", $"b{i}", $"C-b{i}", T0.AddSeconds(2))));

        var chunks = ReplayPlan.Of(events, Recovery).Chunks;

        chunks.Select(c => c.Events.Count).Should().Equal(2, 1, EventRouterGrain.EventsPerChunk, 1);
        chunks.Select(c => c.AppliedAt).Should().Equal(T0, T0.AddSeconds(1), T0.AddSeconds(2), T0.AddSeconds(2));
        chunks[0].Events.Select(e => e.Id).Should().Equal("s1", "s2");
        chunks.Select(c => c.After).Should().SatisfyRespectively(
            after => after.Should().BeEmpty(),
            after => after.Should().Equal(0),
            after => after.Should().Equal(1),
            after => after.Should().Equal(2));
    }

    [Fact]
    public void Dealerships_that_share_no_grain_wait_only_for_their_own_chunks_even_at_one_applied_time()
    {
        var chunks = ReplayPlan.Of(
        [
            Sale("A", "a1", "C-A", T0),
            Sale("B", "b1", "C-B", T0),
            Sale("A", "a2", "C-A", T0.AddSeconds(1)),
            Sale("B", "b2", "C-B", T0.AddSeconds(1)),
        ], Recovery).Chunks;

        chunks.Select(c => c.DealershipId).Should().Equal("A", "B", "A", "B");
        chunks[0].After.Should().BeEmpty();
        chunks[1].After.Should().BeEmpty();
        chunks[2].After.Should().Equal(0);
        chunks[3].After.Should().Equal(1);
    }

    [Fact]
    public void A_chunk_naming_a_customer_or_staff_member_another_dealership_named_earlier_waits_for_that_chunk()
    {
        var chunks = ReplayPlan.Of(
        [
            Sale("A", "a1", "C-1", T0),
            Sale("B", "b1", "C-2", T0, advisor: "S-1"),
            Sale("B", "b2", "C-1", T0.AddSeconds(1)),
            Sale("C", "c1", "C-3", T0.AddSeconds(1), advisor: "S-1"),
        ], Recovery).Chunks;

        chunks[2].After.Should().Equal(0, 1);
        chunks[3].After.Should().Equal(1);
    }

    [Fact]
    public void A_resolution_waits_for_what_its_incidents_customer_applied_since_the_incident_opened()
    {
        var chunks = ReplayPlan.Of(
        [
            Archived("A", "k1", new ComplaintLogged("CMP-1", "C-1", null, ComplaintSeverity.Low, null, null), T0),
            Sale("B", "b1", "C-1", T0.AddSeconds(1)),
            Archived("A", "r1", new IncidentResolved(IncidentIds.Complaint("CMP-1"), T0, null), T0.AddSeconds(2)),
            Sale("B", "b2", "C-1", T0.AddSeconds(3)),
        ], Recovery).Chunks;

        chunks[2].After.Should().Equal([0, 1], "the resolution pays customer C-1, whose latest chunk is B's");
        chunks[3].After.Should().Equal([1, 2], "B's next sale to C-1 comes after the resolution paid them");
    }

    [Fact]
    public void A_reversal_waits_for_the_grains_its_original_event_paid()
    {
        var chunks = ReplayPlan.Of(
        [
            Sale("A", "a1", "C-1", T0, advisor: "S-1"),
            Sale("B", "b1", "C-1", T0.AddSeconds(1)),
            Archived("A", "x1", new TransactionReversed("dms", "a1", "entered twice"), T0.AddSeconds(2)),
            Sale("B", "b2", "C-1", T0.AddSeconds(3)),
        ], Recovery).Chunks;

        chunks[2].After.Should().Equal([0, 1], "the reversal takes back C-1's points, who applied B's sale since");
        chunks[3].After.Should().Equal(1, 2);
    }

    private ArchivedEvent Sale(string dealership, string id, string customer, DateTimeOffset appliedAt, string? advisor = null) =>
        Archived(dealership, id, new AccessorySold($"ORD-{id}", customer, advisor, 1_000m), appliedAt);

    private ArchivedEvent Archived(string dealership, string id, EventData data, DateTimeOffset appliedAt) =>
        new(++_seq, new DmsEvent("dms", id, appliedAt.AddMinutes(-5), dealership, data), appliedAt);
}
