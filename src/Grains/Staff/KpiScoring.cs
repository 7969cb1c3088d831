using System.Globalization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Ledger;

namespace Pitstop.Grains.Staff;

/// <summary>
/// The staff KPI table of program.md: how many points an event earns a staff member in a role, with
/// the rule and the inputs that made them (<see cref="Earned"/>).
/// </summary>
public sealed class KpiScoring(StaffKpiOptions options)
{
    /// <summary>The KPI points an event earns a member named in it in <paramref name="role"/>; 0 when none.</summary>
    public Earned For(EventData data, StaffRole role) => (data, role) switch
    {
        (VisitCompleted visit, _) => ForVisit(visit, role),
        (CsatSubmitted { Score: 5 } csat, StaffRole.Technician) => Fixed("csat.technician", options.TechnicianCsat5, csat.Score),
        (CsatSubmitted { Score: 4 } csat, StaffRole.Technician) => Fixed("csat.technician", options.TechnicianCsat4, csat.Score),
        (CsatSubmitted { Score: 5 } csat, StaffRole.Advisor) => Fixed("csat.advisor", options.AdvisorCsat5, csat.Score),
        (CsatSubmitted { Score: 4 } csat, StaffRole.Advisor) => Fixed("csat.advisor", options.AdvisorCsat4, csat.Score),
        (NpsSubmitted { Score: >= 9 } nps, StaffRole.Advisor) => Fixed("nps.advisor", options.AdvisorNpsPromoter, nps.Score),
        (UpsellSold upsell, StaffRole.Advisor) => new Earned((long)decimal.Floor(upsell.Amount * options.AdvisorUpsellShare), "upsell.advisor", new Dictionary<string, string>
        {
            ["amount"] = upsell.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["share"] = options.AdvisorUpsellShare.ToString("0.####", CultureInfo.InvariantCulture),
        }),
        (SupportCaseClosed support, StaffRole.Support) => ForSupportCase(support),
        _ => Earned.None("none"),
    };

    /// <summary>The zero-defect part of a technician's points for a visit (with its multiplier): what a later defect takes back.</summary>
    public long ZeroDefectPart(VisitCompleted visit) => visit.RepeatRepair
        ? 0
        : visit.DeliveredOnTime && visit.FirstTimeFix
            ? (long)decimal.Floor(options.TechnicianZeroDefect * options.QualityAndPunctualityMultiplier)
            : options.TechnicianZeroDefect;

    public Earned ForVisit(VisitCompleted visit, StaffRole role) => role switch
    {
        StaffRole.Technician => ForTechnician(visit),
        StaffRole.Advisor => ForAdvisor(visit),
        _ => Earned.None("visit"),
    };

    private Earned ForTechnician(VisitCompleted visit)
    {
        long points = 0;
        if (visit.DeliveredOnTime)
        {
            points += options.TechnicianOnTime;
        }

        if (visit.FirstTimeFix)
        {
            points += options.TechnicianFirstTimeFix;
        }

        if (!visit.RepeatRepair)
        {
            points += options.TechnicianZeroDefect;
        }

        var inputs = Flags(("onTime", visit.DeliveredOnTime), ("firstTimeFix", visit.FirstTimeFix), ("zeroDefect", !visit.RepeatRepair));
        if (visit.DeliveredOnTime && visit.FirstTimeFix)
        {
            inputs["multiplier"] = options.QualityAndPunctualityMultiplier.ToString("0.####", CultureInfo.InvariantCulture);
            return new Earned((long)decimal.Floor(points * options.QualityAndPunctualityMultiplier), "visit.technician", inputs);
        }

        return new Earned(points, "visit.technician", inputs);
    }

    private Earned ForSupportCase(SupportCaseClosed support)
    {
        var withinSla = support.ClosedAt - support.OpenedAt <= TimeSpan.FromHours(support.SlaHours);
        var quickResponse = support.FirstResponseAt - support.OpenedAt <= options.SupportFirstResponseWithin;
        return new Earned(
            (withinSla ? options.SupportClosedWithinSla : 0) + (quickResponse ? options.SupportFirstResponse : 0) + (support.NotesComplete ? options.SupportNotesComplete : 0),
            "support.case",
            Flags(("closedWithinSla", withinSla), ("firstResponseInTime", quickResponse), ("notesComplete", support.NotesComplete)));
    }

    private Earned ForAdvisor(VisitCompleted visit) => new(
        (visit.DeliveredOnTime ? options.AdvisorOnTime : 0) + (visit.JobCardAccurate ? options.AdvisorJobCardAccurate : 0),
        "visit.advisor",
        Flags(("onTime", visit.DeliveredOnTime), ("jobCardAccurate", visit.JobCardAccurate)));

    private static Earned Fixed(string rule, long points, int score) =>
        new(points, rule, new Dictionary<string, string> { ["score"] = score.ToString(CultureInfo.InvariantCulture) });

    private static Dictionary<string, string> Flags(params (string Name, bool Value)[] flags) =>
        flags.ToDictionary(f => f.Name, f => f.Value ? "true" : "false", StringComparer.Ordinal);
}
