using System.Net;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>KPI points of the staff table through HTTP: surveys, upsells, support cases, and zero-defect points a defect cancels.</summary>
[Collection(LeagueCollection.Name)]
public class KpiPointsTests(LeagueEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    private async Task<Traffic> FundedAsync(string prefix)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        return traffic;
    }

    private Task<JsonObject> StaffAsync(string staffId, Func<JsonObject, bool> until) =>
        Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync($"/api/v1/staff/{staffId}"), s => s.ContainsKey("staffId") && until(s));

    [Fact]
    public async Task Surveys_and_upsells_earn_the_technicians_and_the_advisor_their_kpi_points()
    {
        var traffic = await FundedAsync("kpi-survey");
        (await traffic.PostAsync(
            traffic.Event("kpi-survey-csat", "survey.csat.submitted", new JsonObject
            {
                ["surveyId"] = "SV-kpi-1", ["jobCardId"] = "JC-kpi-1", ["customerId"] = traffic.Customer(),
                ["advisorId"] = traffic.Staff("A"), ["technicianIds"] = new JsonArray(traffic.Staff("T")), ["score"] = 5, ["verified"] = true,
            }),
            traffic.Event("kpi-survey-nps", "survey.nps.submitted", new JsonObject
            {
                ["surveyId"] = "SV-kpi-2", ["customerId"] = traffic.Customer(), ["advisorId"] = traffic.Staff("A"), ["score"] = 9,
            }),
            traffic.Event("kpi-survey-upsell", "sale.upsell.completed", new JsonObject
            {
                ["orderId"] = "UPS-kpi-1", ["customerId"] = traffic.Customer(), ["advisorId"] = traffic.Staff("A"),
                ["product"] = "ceramic_coating", ["amount"] = 25_000.00m,
            }))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        // Advisor: CSAT 5 (100) + promoter (50) + 2% of 25,000 (500). Technician: CSAT 5 (60).
        var advisor = await StaffAsync(traffic.Staff("A"), s => s["kpiPoints"]!.GetValue<long>() == 650);
        advisor["score"]!.GetValue<long>().Should().Be(650);
        advisor["wallet"]!["available"]!.GetValue<long>().Should().Be(650);
        (await StaffAsync(traffic.Staff("T"), s => s["kpiPoints"]!.GetValue<long>() == 60))["ranks"]!["dealership"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task A_support_agent_earns_for_a_case_closed_within_its_sla_with_a_quick_first_response_and_complete_notes()
    {
        var traffic = await FundedAsync("kpi-support");
        var opened = DateTimeOffset.UtcNow.AddHours(-6);
        (await traffic.PostAsync(traffic.Event("kpi-support-1", "support.case.closed", new JsonObject
        {
            ["caseId"] = "CS-kpi-1", ["agentId"] = traffic.Staff("C"), ["customerId"] = traffic.Customer(),
            ["openedAt"] = opened.ToString("O"), ["firstResponseAt"] = opened.AddMinutes(30).ToString("O"),
            ["closedAt"] = opened.AddHours(5).ToString("O"), ["slaHours"] = 8, ["notesComplete"] = true,
        }))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var agent = await StaffAsync(traffic.Staff("C"), s => s["kpiPoints"]!.GetValue<long>() == 70);
        agent["role"]!.GetValue<string>().Should().Be("support");
        var board = await _http.GetObjectAsync($"/api/v1/leaderboards/support?scope=dealership:{traffic.Dealership}");
        board["entries"]![0]!["score"]!.GetValue<long>().Should().Be(70);
    }

    [Fact]
    public async Task A_quality_defect_cancels_the_zero_defect_points_its_technicians_earned_on_that_job_card_and_the_books_still_balance()
    {
        var traffic = await FundedAsync("kpi-defect");
        (await traffic.PostAsync(traffic.VisitCompleted("kpi-defect-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await StaffAsync(traffic.Staff("T", 1), s => s["kpiPoints"]!.GetValue<long>() == 192);

        (await traffic.PostAsync(traffic.DefectReported("d1", "JC-kpi-defect-kpi-defect-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        // The defect named T1 only (see Traffic.DefectReported): 30 x 1.2 = 36 come off T1, T2 keeps 192.
        var technician = await StaffAsync(traffic.Staff("T", 1), s => s["kpiPoints"]!.GetValue<long>() == 192 - 36);
        technician["score"]!.GetValue<long>().Should().Be(156);
        technician["wallet"]!["available"]!.GetValue<long>().Should().Be(156);
        (await _http.GetObjectAsync($"/api/v1/staff/{traffic.Staff("T", 2)}"))["kpiPoints"]!.GetValue<long>().Should().Be(192);
        var ledger = await _http.GetObjectAsync($"/api/v1/staff/{traffic.Staff("T", 1)}/ledger");
        ledger["items"]![0]!["kind"]!.GetValue<string>().Should().Be("cancellation");
        ledger["items"]![0]!["points"]!.GetValue<long>().Should().Be(-36);
        await Eventually.HoldsAsync(() => _http.GetObjectAsync("/api/v1/admin/audit"), a => a["balanced"]!.GetValue<bool>() && a["journalMatchesGrains"]!.GetValue<bool>());

        // Reported again (another source): nothing more to cancel.
        (await traffic.PostAsync(traffic.DefectReported("d2", "JC-kpi-defect-kpi-defect-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _http.GetObjectAsync($"/api/v1/dealerships/{traffic.Dealership}"), d => d["eventsApplied"]!.GetValue<long>() == 3);
        (await _http.GetObjectAsync($"/api/v1/staff/{traffic.Staff("T", 1)}"))["kpiPoints"]!.GetValue<long>().Should().Be(156);
    }
}
