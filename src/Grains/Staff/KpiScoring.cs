using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Staff;

/// <summary>The staff KPI table of program.md: how many points an event earns a staff member in a role.</summary>
public sealed class KpiScoring(StaffKpiOptions options)
{
    /// <summary>The KPI points an event earns a member named in it in <paramref name="role"/>; 0 when none.</summary>
    public long For(EventData data, StaffRole role) => (data, role) switch
    {
        (VisitCompleted visit, _) => ForVisit(visit, role),
        (CsatSubmitted { Score: 5 }, StaffRole.Technician) => options.TechnicianCsat5,
        (CsatSubmitted { Score: 4 }, StaffRole.Technician) => options.TechnicianCsat4,
        (CsatSubmitted { Score: 5 }, StaffRole.Advisor) => options.AdvisorCsat5,
        (CsatSubmitted { Score: 4 }, StaffRole.Advisor) => options.AdvisorCsat4,
        (NpsSubmitted { Score: >= 9 }, StaffRole.Advisor) => options.AdvisorNpsPromoter,
        (UpsellSold upsell, StaffRole.Advisor) => (long)decimal.Floor(upsell.Amount * options.AdvisorUpsellShare),
        (SupportCaseClosed support, StaffRole.Support) => ForSupportCase(support),
        _ => 0,
    };

    /// <summary>The zero-defect part of a technician's points for a visit (with its multiplier): what a later defect takes back.</summary>
    public long ZeroDefectPart(VisitCompleted visit) => visit.RepeatRepair
        ? 0
        : visit.DeliveredOnTime && visit.FirstTimeFix
            ? (long)decimal.Floor(options.TechnicianZeroDefect * options.QualityAndPunctualityMultiplier)
            : options.TechnicianZeroDefect;

    public long ForVisit(VisitCompleted visit, StaffRole role) => role switch
    {
        StaffRole.Technician => ForTechnician(visit),
        StaffRole.Advisor => ForAdvisor(visit),
        _ => 0,
    };

    private long ForTechnician(VisitCompleted visit)
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

        return visit.DeliveredOnTime && visit.FirstTimeFix
            ? (long)decimal.Floor(points * options.QualityAndPunctualityMultiplier)
            : points;
    }

    private long ForSupportCase(SupportCaseClosed support) =>
        (support.ClosedAt - support.OpenedAt <= TimeSpan.FromHours(support.SlaHours) ? options.SupportClosedWithinSla : 0)
        + (support.FirstResponseAt - support.OpenedAt <= options.SupportFirstResponseWithin ? options.SupportFirstResponse : 0)
        + (support.NotesComplete ? options.SupportNotesComplete : 0);

    private long ForAdvisor(VisitCompleted visit) =>
        (visit.DeliveredOnTime ? options.AdvisorOnTime : 0)
        + (visit.JobCardAccurate ? options.AdvisorJobCardAccurate : 0);
}
