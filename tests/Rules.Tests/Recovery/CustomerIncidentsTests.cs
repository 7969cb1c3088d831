using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

public class CustomerIncidentsTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Opened.AddDays(3);

    private readonly RecoveryRules _rules = new(new RecoveryOptions());
    private readonly CustomerIncidents _incidents = new();

    private IncidentContext Join(string incidentId, DateTimeOffset openedAt) => _incidents.Join(incidentId, openedAt, _rules.IsRepeat, Now);

    [Fact]
    public void Joining_twice_links_once_and_answers_the_same()
    {
        _incidents.Remember(new NpsReading(6, Opened.AddDays(-1), "SV-1"), Now);
        _incidents.Remember(new VisitSeen("JC-2", Opened.AddDays(1)), Now);

        var first = Join("complaint:CMP-1", Opened);
        var second = Join("complaint:CMP-1", Opened);

        second.Should().BeEquivalentTo(first);
        _incidents.Links.Should().Equal(new IncidentLink("complaint:CMP-1", Opened));
    }

    [Fact]
    public void Joining_answers_the_last_answer_before_the_opening_and_those_since()
    {
        NpsReading older = new(9, Opened.AddDays(-20), "SV-1"), last = new(4, Opened.AddDays(-2), "SV-2"), atOpening = new(3, Opened, "SV-3"), since = new(8, Opened.AddDays(1), "SV-4");
        foreach (var reading in new[] { older, last, atOpening, since })
        {
            _incidents.Remember(reading, Now);
        }

        Join("complaint:CMP-1", Opened).Nps.Should().Equal(last, atOpening, since);
    }

    [Fact]
    public void Joining_answers_the_last_answer_before_the_opening_whatever_order_the_answers_came_in()
    {
        NpsReading since = new(8, Opened.AddDays(1), "SV-3"), last = new(4, Opened.AddDays(-2), "SV-2"), older = new(9, Opened.AddDays(-20), "SV-1");
        foreach (var reading in new[] { since, last, older })
        {
            _incidents.Remember(reading, Now);
        }

        Join("complaint:CMP-1", Opened).Nps.Should().BeEquivalentTo([since, last]);
    }

    [Fact]
    public void Of_two_answers_at_the_same_time_before_the_opening_joining_passes_the_one_nps_before_picks()
    {
        // Arrival order must not decide: the incident only ever learns of the reading passed here.
        NpsReading b = new(2, Opened.AddDays(-1), "SV-B"), a = new(9, Opened.AddDays(-1), "SV-A");
        _incidents.Remember(b, Now);
        _incidents.Remember(a, Now);

        var nps = Join("complaint:CMP-1", Opened).Nps;

        nps.Should().Equal(a);
        RecoveryRules.NpsBefore(nps, Opened).Should().Be(RecoveryRules.NpsBefore([a, b], Opened));
    }

    [Fact]
    public void Joining_answers_the_visits_since_the_opening()
    {
        _incidents.Remember(new VisitSeen("JC-1", Opened.AddDays(-1)), Now);
        _incidents.Remember(new VisitSeen("JC-2", Opened), Now);
        _incidents.Remember(new VisitSeen("JC-3", Opened.AddDays(2)), Now);

        Join("complaint:CMP-1", Opened).Visits.Select(v => v.JobCardId).Should().Equal("JC-2", "JC-3");
    }

    [Fact]
    public void Joining_judges_the_repeat_by_the_other_incidents_linked()
    {
        Join("defect:JC-1", Opened.AddDays(-10)).Repeat.Should().BeFalse("it is the first");

        Join("complaint:CMP-1", Opened).Repeat.Should().BeTrue("another opened ten days before");
        Join("defect:JC-1", Opened.AddDays(-10)).Repeat.Should().BeFalse("the other opened after it");
    }

    [Fact]
    public void Remembering_an_answer_queues_a_notice_for_each_linked_incident()
    {
        Join("defect:JC-1", Opened);
        Join("complaint:CMP-1", Opened.AddDays(1));

        var notices = _incidents.Remember(new NpsReading(7, Opened.AddDays(2), "SV-1"), Now);

        var notice = new CustomerNotice(CustomerNoticeKind.Nps, Opened.AddDays(2), "SV-1", 7);
        notices.Should().Equal(new IncidentNoticeDelivery("defect:JC-1", notice), new IncidentNoticeDelivery("complaint:CMP-1", notice));
    }

    [Fact]
    public void Remembering_a_visit_queues_a_notice_naming_its_job_card()
    {
        Join("defect:JC-1", Opened);

        var notices = _incidents.Remember(new VisitSeen("JC-2", Opened.AddDays(2)), Now);

        notices.Should().Equal(new IncidentNoticeDelivery("defect:JC-1", new CustomerNotice(CustomerNoticeKind.Visit, Opened.AddDays(2), "JC-2")));
    }

    [Fact]
    public void Without_linked_incidents_remembering_queues_no_notice()
    {
        var notices = _incidents.Remember(new NpsReading(7, Opened, "SV-1"), Now).Concat(_incidents.Remember(new VisitSeen("JC-2", Opened), Now));

        notices.Should().BeEmpty();
        _incidents.Nps.Should().ContainSingle();
        _incidents.Visits.Should().ContainSingle();
    }

    [Fact]
    public void An_incident_opened_longer_ago_than_the_memory_gets_no_notices()
    {
        Join("defect:JC-1", Opened);

        var later = Opened + CustomerIncidents.Memory + TimeSpan.FromDays(1);
        _incidents.Remember(new NpsReading(7, later, "SV-1"), later).Should().BeEmpty();
    }

    [Fact]
    public void A_repeated_answer_or_visit_is_kept_once()
    {
        _incidents.Remember(new NpsReading(7, Opened, "SV-1"), Now);
        _incidents.Remember(new NpsReading(7, Opened, "SV-1"), Now);
        _incidents.Remember(new VisitSeen("JC-2", Opened), Now);
        _incidents.Remember(new VisitSeen("JC-2", Opened), Now);

        _incidents.Nps.Should().ContainSingle();
        _incidents.Visits.Should().ContainSingle();
    }

    [Fact]
    public void At_most_32_of_the_newest_answers_are_kept()
    {
        // Remembered newest first, so that the count and not the order of arrival decides.
        for (var i = 40; i > 0; i--)
        {
            _incidents.Remember(new NpsReading(5, Now.AddHours(-i), $"SV-{i}"), Now);
        }

        _incidents.Nps.Should().HaveCount(CustomerIncidents.MaxEach);
        _incidents.Nps.Select(r => r.At).Should().OnlyContain(at => at >= Now.AddHours(-32));
    }

    [Fact]
    public void At_most_32_of_the_newest_links_are_kept()
    {
        for (var i = 0; i < 33; i++)
        {
            Join($"complaint:CMP-{i}", Opened.AddHours(i));
        }

        _incidents.Links.Should().HaveCount(CustomerIncidents.MaxEach);
        _incidents.Links.Should().NotContain(l => l.IncidentId == "complaint:CMP-0");
    }

    [Fact]
    public void Answers_and_visits_older_than_two_years_are_forgotten()
    {
        var twoYearsAgo = Now - CustomerIncidents.Memory;
        _incidents.Remember(new NpsReading(5, twoYearsAgo, "SV-kept"), Now);
        _incidents.Remember(new NpsReading(5, twoYearsAgo.AddSeconds(-1), "SV-old"), Now);
        _incidents.Remember(new VisitSeen("JC-old", twoYearsAgo.AddDays(-1)), Now);

        _incidents.Nps.Select(r => r.SurveyId).Should().Equal("SV-kept");
        _incidents.Visits.Should().BeEmpty();
    }

    [Fact]
    public void What_has_aged_past_the_memory_is_dropped_when_something_new_is_remembered()
    {
        _incidents.Remember(new VisitSeen("JC-1", Opened), Opened);

        var later = Opened + CustomerIncidents.Memory + TimeSpan.FromDays(1);
        _incidents.Remember(new VisitSeen("JC-2", later), later);

        _incidents.Visits.Select(v => v.JobCardId).Should().Equal("JC-2");
    }

    [Fact]
    public void A_support_case_is_told_to_the_customers_complaints_alone_and_remembered_once()
    {
        Join("complaint:CMP-1", Opened);
        Join("delay:JC-1", Opened);
        var seen = new SupportCaseSeen("CS-1", Opened.AddHours(1));

        var notices = _incidents.Remember(seen, Now).ToList();
        var again = _incidents.Remember(seen, Now).ToList();

        notices.Should().Equal(new IncidentNoticeDelivery("complaint:CMP-1", new CustomerNotice(CustomerNoticeKind.SupportCase, seen.OpenedAt, "CS-1")));
        again.Should().Equal(notices, "told again, as an NPS answer is: the complaint keeps each case once");
        _incidents.SupportCases.Should().Equal(seen);
    }

    [Fact]
    public void Joining_answers_the_support_cases_opened_since_the_opening()
    {
        _incidents.Remember(new SupportCaseSeen("CS-before", Opened.AddMinutes(-1)), Now);
        _incidents.Remember(new SupportCaseSeen("CS-since", Opened.AddHours(1)), Now);

        Join("complaint:CMP-1", Opened).SupportCases!.Select(c => c.CaseId).Should().Equal("CS-since");
    }

    [Fact]
    public void Recoveries_are_told_what_of_them_was_redeemed_only_when_it_changed()
    {
        _incidents.Recoveries["delay:JC-1"] = new RecoveryReceived("T-1", ExperienceCategory.Dining, Opened, Points: 5_000);
        _incidents.Recoveries["defect:JC-2"] = new RecoveryReceived("T-2", ExperienceCategory.Dining, FundedAt: null, Points: 15_000);
        RedemptionSpent placed = new("R-1", Opened.AddDays(1), 2_000);

        var first = _incidents.TellRedeemed([placed], Now).ToList();
        var again = _incidents.TellRedeemed([placed], Now).ToList();
        var cancelled = _incidents.TellRedeemed([], Now).ToList();

        first.Should().Equal(new IncidentNoticeDelivery("delay:JC-1", new CustomerNotice(CustomerNoticeKind.RecoveryRedeemed, Now, "T-1", Points: 2_000)));
        again.Should().BeEmpty("nothing changed, and a pending recovery is not received yet");
        cancelled.Should().Equal(new IncidentNoticeDelivery("delay:JC-1", new CustomerNotice(CustomerNoticeKind.RecoveryRedeemed, Now, "T-1", Points: 0)));
        _incidents.Recoveries["delay:JC-1"].RedeemedTold.Should().Be(0);
    }

    [Fact]
    public void Notices_of_points_redeemed_share_a_slot_per_incident_so_only_the_latest_total_travels()
    {
        var outbox = new DurableOutbox();
        outbox.Put(new IncidentNoticeDelivery("delay:JC-1", new CustomerNotice(CustomerNoticeKind.RecoveryRedeemed, Now, "T-1", Points: 2_000)));
        outbox.Put(new IncidentNoticeDelivery("delay:JC-1", new CustomerNotice(CustomerNoticeKind.Visit, Now, "JC-9")));
        outbox.Put(new IncidentNoticeDelivery("delay:JC-1", new CustomerNotice(CustomerNoticeKind.RecoveryRedeemed, Now, "T-1", Points: 0)));

        outbox.Deliveries.Cast<IncidentNoticeDelivery>().Select(d => (d.Notice.Kind, d.Notice.Points))
            .Should().Equal((CustomerNoticeKind.Visit, 0L), (CustomerNoticeKind.RecoveryRedeemed, 0L));
    }
}
