using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

/// <summary>
/// The desk's bookkeeping: an incident stays while a check can fall due for it, and leaves (with the
/// keys of its checks made) once recovered with every follow-up completed or raised.
/// </summary>
public class RecoveryDeskTests
{
    private static readonly DateTimeOffset Start = new(2025, 12, 1, 4, 30, 0, TimeSpan.Zero);

    private static readonly RecoveryRules Rules = new(new RecoveryOptions());

    private static IncidentSummary Incident(string id, DateTimeOffset openedAt, DateTimeOffset? closedAt = null, DateTimeOffset? deliveredAt = null, params int[] followUpsCompleted) =>
        new(id, IncidentKind.Delay, IncidentSeverity.Minor, deliveredAt is null ? closedAt is null ? IncidentStatus.Open : IncidentStatus.Closed : IncidentStatus.Recovered,
            "C-" + id, "DLR-1", openedAt, closedAt, deliveredAt, 5_000, null, null, false, followUpsCompleted);

    // The incident a check's key names: sla:{id} or follow-up:{id}:{day}.
    private static string IncidentOf(string checkKey) => checkKey.StartsWith("sla:", StringComparison.Ordinal)
        ? checkKey["sla:".Length..]
        : checkKey["follow-up:".Length..checkKey.LastIndexOf(':')];

    [Fact]
    public void Ten_thousand_incidents_closed_over_a_year_leave_only_those_a_check_can_still_fall_due_for()
    {
        var state = new RecoveryDeskState();
        var desk = new RecoveryDesk(state, Rules);
        var archived = new Dictionary<string, IncidentSummary>();
        var hours = TimeSpan.FromDays(365).TotalHours;
        for (var i = 0; i < 10_000; i++)
        {
            // Opened through the year; each closed an hour later and recovered an hour after that,
            // except every 500th, whose budget never pays; every other one has its day-7 call made.
            var opened = Start.AddHours(hours * i / 10_000);
            var id = $"delay:JC-{i}";
            desk.Upsert(Incident(id, opened));
            desk.Upsert(Incident(id, opened, opened.AddHours(1)));
            if (i % 500 != 0)
            {
                desk.Upsert(Incident(id, opened, opened.AddHours(1), opened.AddHours(2)));
            }

            if (i % 2 == 0 && i % 500 != 0)
            {
                desk.Upsert(Incident(id, opened, opened.AddHours(1), opened.AddHours(2), 7));
            }

            // A review about once a day of program time (the reminder's every minute only makes it sooner).
            if (i % 24 == 0)
            {
                desk.TakeDue(opened);
                foreach (var settled in desk.TakeSettled())
                {
                    archived.Add(settled.IncidentId, settled);
                }
            }
        }

        var end = Start.AddDays(365);
        var waiting = state.Incidents.Values.ToList();
        waiting.Should().OnlyContain(i => i.DeliveredAt == null || i.DeliveredAt > end.AddDays(-31),
            "only a recovery's follow-ups keep it on the desk, for the 30 days after delivery, or a recovery not yet delivered");
        waiting.Count.Should().BeLessThan((10_000 * 32 / 365) + 20);
        waiting.Where(i => i.DeliveredAt == null).Should().HaveCount(20, "the incidents whose budget never paid wait on the desk");
        (waiting.Count + archived.Count).Should().Be(10_000, "every incident is on the desk or archived, never both");
        state.Done.Select(IncidentOf).Should().OnlyContain(id => state.Incidents.ContainsKey(id), "the keys of checks made leave with their incidents");
        state.Due.Values.Should().OnlyContain(c => state.Incidents.ContainsKey(c.IncidentId));
    }

    [Fact]
    public void A_recovered_incident_leaves_once_its_last_follow_up_is_raised_with_the_keys_of_its_checks()
    {
        var state = new RecoveryDeskState();
        var desk = new RecoveryDesk(state, Rules);
        var delivered = Start.AddHours(2);
        desk.Upsert(Incident("delay:JC-1", Start, Start.AddHours(1)));
        desk.Upsert(Incident("delay:JC-1", Start, Start.AddHours(1), delivered));

        desk.TakeDue(delivered.AddDays(7)).Select(c => c.Key).Should().Equal("sla:delay:JC-1", "follow-up:delay:JC-1:7");
        desk.TakeSettled().Should().BeEmpty("the day-30 follow-up is still to come");

        desk.TakeDue(delivered.AddDays(30)).Select(c => c.Key).Should().Equal("follow-up:delay:JC-1:30");
        desk.TakeSettled().Select(i => i.IncidentId).Should().Equal("delay:JC-1");

        (state.Incidents.Count, state.Due.Count, state.Done.Count).Should().Be((0, 0, 0));
    }

    [Fact]
    public void An_incident_recovered_with_both_follow_ups_completed_early_leaves_at_once()
    {
        var state = new RecoveryDeskState();
        var desk = new RecoveryDesk(state, Rules);

        desk.Upsert(Incident("complaint:CMP-1", Start, Start, Start.AddHours(1), 7, 30));

        desk.TakeSettled().Select(i => i.IncidentId).Should().Equal("complaint:CMP-1");
        state.Incidents.Should().BeEmpty();
    }

    [Fact]
    public void Open_and_unpaid_incidents_stay_on_the_desk()
    {
        var state = new RecoveryDeskState();
        var desk = new RecoveryDesk(state, Rules);
        desk.Upsert(Incident("defect:JC-1", Start));
        desk.Upsert(Incident("defect:JC-2", Start, Start.AddHours(1)));

        desk.TakeDue(Start.AddDays(400)).Select(c => c.Key).Should().Equal("sla:defect:JC-2");

        desk.TakeSettled().Should().BeEmpty();
        state.Incidents.Keys.Should().BeEquivalentTo("defect:JC-1", "defect:JC-2");
        desk.Holds("defect:JC-2").Should().BeTrue();
    }
}
