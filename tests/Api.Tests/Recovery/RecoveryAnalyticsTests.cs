using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Recovery;

/// <summary>
/// <c>GET /api/v1/analytics/recovery</c> (program.md, analytics): counts, recoveries delivered and
/// points spent, NPS before the incident against after its closure, customers retained by a later
/// visit; by kind, severity, dealership and state; for incidents opened in [from, to).
/// </summary>
[Collection(RecoveryCollection.Name)]
public class RecoveryAnalyticsTests(RecoveryEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    /// <summary>The figures an analytics object must hold (a null average is absent from the JSON).</summary>
    private sealed record Figures(int Incidents, int Closed, int Recovered, double? NpsBefore, double? NpsAfter, int Retained, long PointsSpent);

    /// <summary>The three incidents of the dealership, each of its own customer, and when each opened.</summary>
    private sealed record Incidents(Traffic Traffic, string Delay, string Defect, string Complaint, DateTimeOffset DefectOpenedAt);

    /// <summary>
    /// A funded dealership of the test's own with, per customer:
    /// 1. NPS 6, then 100 minutes ago a delivery 150 minutes late (a minor delay incident, opened and
    ///    closed at once, recovered with 5,000), NPS 9 after it, and a later visit (retained);
    /// 2. NPS 8, then 90 minutes ago a quality defect (moderate), left open;
    /// 3. 80 minutes ago a high complaint (major), resolved 70 minutes ago and recovered with 30,000, then NPS 3.
    /// </summary>
    private async Task<Incidents> IncidentsAsync(string prefix)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync("KA");
        await traffic.FundBudgetAsync(200_000);

        var delay = traffic.DelayedVisit("v1", TimeSpan.FromMinutes(150), customer: 1);
        delay["occurredAt"] = Traffic.Time(-100);
        delay["data"]!["promisedAt"] = Traffic.Time(-250);
        delay["data"]!["deliveredAt"] = Traffic.Time(-100);
        var laterVisit = traffic.CustomerOnlyVisit($"{prefix}-v2", customer: 1);
        var defect = traffic.DefectReported("d1", $"JC-{prefix}-d1", customer: 2, minutesAgo: 90);
        var complaint = traffic.ComplaintLogged("c1", $"CMP-{prefix}", "high", customer: 3, minutesAgo: 80);

        (await traffic.PostAsync(
            traffic.NpsSubmitted("n1", 6, customer: 1, minutesAgo: 200),
            traffic.NpsSubmitted("n2", 8, customer: 2, minutesAgo: 150),
            delay,
            defect,
            complaint,
            traffic.IncidentResolved("r1", $"complaint:CMP-{prefix}", minutesAgo: 70),
            traffic.NpsSubmitted("n3", 9, customer: 1, minutesAgo: 50),
            laterVisit,
            traffic.NpsSubmitted("n4", 3, customer: 3, minutesAgo: 20))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        string delayId = $"delay:JC-{prefix}-v1", defectId = $"defect:JC-{prefix}-d1", complaintId = $"complaint:CMP-{prefix}";
        await _http.IncidentAsync(delayId, i => i["status"]!.GetValue<string>() == "recovered" && i["retained"]!.GetValue<bool>() && i["npsAfter"] is not null);
        var open = await _http.IncidentAsync(defectId, i => i["npsBefore"] is not null);
        await _http.IncidentAsync(complaintId, i => i["status"]!.GetValue<string>() == "recovered" && i["npsAfter"] is not null);
        return new Incidents(traffic, delayId, defectId, complaintId, DateTimeOffset.Parse(open["openedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    private Task<JsonObject> AnalyticsAsync(string query) => _http.GetObjectAsync($"/api/v1/analytics/recovery?{query}");

    private static string Q(string time) => Uri.EscapeDataString(time);

    [Fact]
    public async Task The_totals_count_incidents_closures_recoveries_points_spent_NPS_before_and_after_and_customers_retained()
    {
        var incidents = await IncidentsAsync("rcv-stats-total");
        var dealership = incidents.Traffic.Dealership;
        // Within the 24-hour promise as each incident itself says (program time is the engine's to move).
        var withinSla = 0;
        foreach (var id in new[] { incidents.Delay, incidents.Complaint })
        {
            withinSla += (await _http.GetObjectAsync(RecoveryHttp.IncidentPath(id)))["recovery"]!["withinSla"]!.GetValue<bool>() ? 1 : 0;
        }

        var analytics = await Eventually.HoldsAsync(
            () => AnalyticsAsync($"dealershipId={dealership}"),
            a => a["total"]!["retained"]!.GetValue<int>() == 1 && a["total"]!["averageNpsAfter"] is not null);

        analytics["dealershipId"]!.GetValue<string>().Should().Be(dealership);
        analytics["from"].Should().BeNull("no from was asked");
        analytics["to"].Should().BeNull("no to was asked");
        var total = analytics["total"]!;
        ShouldHold(total, new Figures(Incidents: 3, Closed: 2, Recovered: 2, NpsBefore: 7.0, NpsAfter: 6.0, Retained: 1, PointsSpent: 35_000), "total");
        total["slaDecided"]!.GetValue<int>().Should().Be(2, "both delivered recoveries have decided their promise; the open defect has none yet");
        total["withinSla"]!.GetValue<int>().Should().Be(withinSla);
        total["shareWithinSla"]!.GetValue<double>().Should().Be(withinSla / 2.0);
        analytics["byDealership"]!.AsArray().Should().ContainSingle();
        analytics["byDealership"]![0]!["dealershipId"]!.GetValue<string>().Should().Be(dealership);
        analytics["byDealership"]![0]!["state"]!.GetValue<string>().Should().Be("KA");
        analytics["byDealership"]![0]!["figures"]!.ToJsonString().Should().Be(total.ToJsonString());
        analytics["byState"]!.AsArray().Should().ContainSingle();
        analytics["byState"]![0]!["state"]!.GetValue<string>().Should().Be("KA");
        analytics["byState"]![0]!["figures"]!.ToJsonString().Should().Be(total.ToJsonString());
    }

    [Fact]
    public async Task The_figures_split_by_kind_and_by_severity_each_in_the_order_of_its_vocabulary()
    {
        var incidents = await IncidentsAsync("rcv-stats-split");
        var delay = new Figures(1, 1, 1, NpsBefore: 6, NpsAfter: 9, Retained: 1, PointsSpent: 5_000);
        var defect = new Figures(1, 0, 0, NpsBefore: 8, NpsAfter: null, Retained: 0, PointsSpent: 0);
        var complaint = new Figures(1, 1, 1, NpsBefore: null, NpsAfter: 3, Retained: 0, PointsSpent: 30_000);

        var analytics = await Eventually.HoldsAsync(
            () => AnalyticsAsync($"dealershipId={incidents.Traffic.Dealership}"),
            a => a["total"]!["retained"]!.GetValue<int>() == 1 && a["total"]!["averageNpsAfter"] is not null);

        var byKind = analytics["byKind"]!.AsArray();
        byKind.Select(k => k!["kind"]!.GetValue<string>()).Should().Equal("delay", "defect", "complaint");
        ShouldHold(byKind[0]!["figures"]!, delay, "delay");
        ShouldHold(byKind[1]!["figures"]!, defect, "defect");
        ShouldHold(byKind[2]!["figures"]!, complaint, "complaint");
        var bySeverity = analytics["bySeverity"]!.AsArray();
        bySeverity.Select(s => s!["severity"]!.GetValue<string>()).Should().Equal("minor", "moderate", "major");
        ShouldHold(bySeverity[0]!["figures"]!, delay, "minor");
        ShouldHold(bySeverity[1]!["figures"]!, defect, "moderate");
        ShouldHold(bySeverity[2]!["figures"]!, complaint, "major");
    }

    [Fact]
    public async Task Nps_is_promoters_less_detractors_before_and_after_beside_the_average_in_total_and_by_kind_severity_dealership_and_state()
    {
        // Before: 6 (a detractor) and 8 (a passive); after: 9 (a promoter) and 3 (a detractor).
        var incidents = await IncidentsAsync("rcv-stats-nps");

        var analytics = await Eventually.HoldsAsync(
            () => AnalyticsAsync($"dealershipId={incidents.Traffic.Dealership}"),
            a => a["total"]!["retained"]!.GetValue<int>() == 1 && a["total"]!["npsAfterAnswers"]?.GetValue<int>() == 2);

        var total = analytics["total"]!;
        NpsOf(total).Should().Be((-50.0, 0.0, 2, 2));
        total["averageNpsBefore"]!.GetValue<double>().Should().Be(7, "the average stays beside the score");
        total["averageNpsAfter"]!.GetValue<double>().Should().Be(6);
        analytics["byKind"]!.AsArray().Select(k => NpsOf(k!["figures"]!)).Should().Equal((-100.0, 100.0, 1, 1), (0.0, null, 1, 0), (null, -100.0, 0, 1));
        analytics["bySeverity"]!.AsArray().Select(k => NpsOf(k!["figures"]!)).Should().Equal((-100.0, 100.0, 1, 1), (0.0, null, 1, 0), (null, -100.0, 0, 1));
        NpsOf(analytics["byDealership"]![0]!["figures"]!).Should().Be((-50.0, 0.0, 2, 2));
        NpsOf(analytics["byState"]![0]!["figures"]!).Should().Be((-50.0, 0.0, 2, 2));
    }

    private static (double? Before, double? After, int BeforeAnswers, int AfterAnswers) NpsOf(JsonNode figures) => (
        figures["npsBefore"]?.GetValue<double>(), figures["npsAfter"]?.GetValue<double>(),
        figures["npsBeforeAnswers"]!.GetValue<int>(), figures["npsAfterAnswers"]!.GetValue<int>());

    [Fact]
    public async Task From_and_to_select_the_incidents_opened_in_the_half_open_window_whatever_the_offset_they_are_written_in()
    {
        var incidents = await IncidentsAsync("rcv-stats-window");
        var dealership = $"dealershipId={incidents.Traffic.Dealership}";
        await Eventually.HoldsAsync(() => AnalyticsAsync(dealership), a => a["total"]!["retained"]!.GetValue<int>() == 1 && a["total"]!["averageNpsAfter"] is not null);
        // The defect opened 90 minutes ago, ten minutes after the delay and before the complaint.
        var opened = incidents.DefectOpenedAt;
        var defectOpened = Rfc3339(opened.ToOffset(TimeSpan.FromHours(5.5)));
        var defectOpenedUtc = opened.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        defectOpened.Should().EndWith("+05:30");

        var sinceDefect = await AnalyticsAsync($"{dealership}&from={Q(defectOpened)}");
        var sinceDefectInUtc = await AnalyticsAsync($"{dealership}&from={Q(defectOpenedUtc)}");
        var untilDefect = await AnalyticsAsync($"{dealership}&to={Q(defectOpened)}");
        var defectAlone = await AnalyticsAsync($"{dealership}&from={Q(Rfc3339(opened.AddMinutes(-5)))}&to={Q(Rfc3339(opened.AddMinutes(5)))}");
        var empty = await AnalyticsAsync($"{dealership}&from={Q(Rfc3339(opened.AddHours(-10)))}&to={Q(Rfc3339(opened.AddHours(-5)))}");

        static IEnumerable<string> Kinds(JsonObject a) => a["byKind"]!.AsArray().Select(k => k!["kind"]!.GetValue<string>());
        Kinds(sinceDefect).Should().Equal(["defect", "complaint"], "from is inclusive: the defect opened exactly then");
        ShouldHold(sinceDefect["total"]!, new Figures(2, 1, 1, NpsBefore: 8, NpsAfter: 3, Retained: 0, PointsSpent: 30_000), "since the defect");
        DateTimeOffset.Parse(sinceDefect["from"]!.GetValue<string>(), CultureInfo.InvariantCulture)
            .Should().Be(opened, "the window is echoed");
        sinceDefectInUtc["total"]!.ToJsonString().Should().Be(sinceDefect["total"]!.ToJsonString(), "the same instant written in UTC is the same window");
        Kinds(untilDefect).Should().Equal(["delay"], "to is exclusive: the defect opened exactly then");
        ShouldHold(untilDefect["total"]!, new Figures(1, 1, 1, NpsBefore: 6, NpsAfter: 9, Retained: 1, PointsSpent: 5_000), "until the defect");
        Kinds(defectAlone).Should().Equal("defect");
        defectAlone["bySeverity"]!.AsArray().Select(s => s!["severity"]!.GetValue<string>()).Should().Equal("moderate");
        ShouldHold(defectAlone["total"]!, new Figures(1, 0, 0, NpsBefore: 8, NpsAfter: null, Retained: 0, PointsSpent: 0), "the defect alone");
        empty["byKind"]!.AsArray().Should().BeEmpty();
        empty["byDealership"]!.AsArray().Should().BeEmpty();
        ShouldHold(empty["total"]!, new Figures(0, 0, 0, null, null, 0, 0), "nothing opened then");
    }

    [Fact]
    public async Task A_state_filter_keeps_only_dealerships_of_that_state()
    {
        var incidents = await IncidentsAsync("rcv-stats-state");
        var dealership = incidents.Traffic.Dealership;
        await Eventually.HoldsAsync(() => AnalyticsAsync($"dealershipId={dealership}"), a => a["total"]!["incidents"]!.GetValue<int>() == 3);

        var karnataka = await AnalyticsAsync($"dealershipId={dealership}&state=KA");
        var kerala = await AnalyticsAsync($"dealershipId={dealership}&state=KL");
        var allKarnataka = await AnalyticsAsync("state=KA");

        karnataka["state"]!.GetValue<string>().Should().Be("KA");
        karnataka["total"]!["incidents"]!.GetValue<int>().Should().Be(3);
        ShouldHold(kerala["total"]!, new Figures(0, 0, 0, null, null, 0, 0), "a Karnataka dealership has nothing in Kerala");
        allKarnataka["byState"]!.AsArray().Select(s => s!["state"]!.GetValue<string>()).Should().Equal("KA");
        allKarnataka["byDealership"]!.AsArray().Select(d => d!["dealershipId"]!.GetValue<string>()).Should().Contain(dealership);
        allKarnataka["byDealership"]!.AsArray().Should().OnlyContain(d => d!["state"]!.GetValue<string>() == "KA");
    }

    private static void ShouldHold(JsonNode figures, Figures expected, string what)
    {
        figures["incidents"]!.GetValue<int>().Should().Be(expected.Incidents, what);
        figures["closed"]!.GetValue<int>().Should().Be(expected.Closed, what);
        figures["recovered"]!.GetValue<int>().Should().Be(expected.Recovered, what);
        figures["retained"]!.GetValue<int>().Should().Be(expected.Retained, what);
        figures["pointsSpent"]!.GetValue<long>().Should().Be(expected.PointsSpent, what);
        // Absent when there is nothing to average (nulls are not written).
        figures["averageNpsBefore"]?.GetValue<double>().Should().Be(expected.NpsBefore, what);
        figures["averageNpsAfter"]?.GetValue<double>().Should().Be(expected.NpsAfter, what);
        (figures["averageNpsBefore"] is null).Should().Be(expected.NpsBefore is null, $"{what}: averageNpsBefore is absent exactly when nothing is averaged");
        (figures["averageNpsAfter"] is null).Should().Be(expected.NpsAfter is null, $"{what}: averageNpsAfter is absent exactly when nothing is averaged");
    }

    private static string Rfc3339(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
