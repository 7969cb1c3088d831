using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.League;

/// <summary>The staff KPI table of program.md: how many points an event earns a staff member in a role.</summary>
public sealed class KpiScoring(StaffKpiOptions options)
{
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

    private long ForAdvisor(VisitCompleted visit) =>
        (visit.DeliveredOnTime ? options.AdvisorOnTime : 0)
        + (visit.JobCardAccurate ? options.AdvisorJobCardAccurate : 0);
}
