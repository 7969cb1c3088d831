using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Dealerships;

/// <summary>
/// The counts behind <see cref="PerformanceMonth"/>, kept with a dealership month's record of
/// applied events so that each event is counted once. Only counts are kept: rates are derived when
/// read, so months and dealerships add up.
/// </summary>
[GenerateSerializer, Alias("pitstop.PerformanceCounts")]
public sealed class PerformanceCounts
{
    [Id(0)] public long Visits { get; set; }

    [Id(1)] public long OnTime { get; set; }

    [Id(2)] public long CsatAnswers { get; set; }

    [Id(3)] public long CsatSum { get; set; }

    [Id(4)] public long CsatSatisfied { get; set; }

    [Id(5)] public Dictionary<string, TechnicianMonth> Technicians { get; set; } = new(StringComparer.Ordinal);

    [Id(6)] public Dictionary<string, AdvisorMonth> Advisors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Counts an event applied for the first time; events of other types count nothing here.</summary>
    public void Count(EventData data)
    {
        switch (data)
        {
            case VisitCompleted visit:
                Visits++;
                OnTime += visit.DeliveredOnTime ? 1 : 0;
                foreach (var technician in visit.TechnicianIds.Distinct(StringComparer.Ordinal))
                {
                    var t = Technicians.GetValueOrDefault(technician) ?? new TechnicianMonth(0, 0, 0);
                    Technicians[technician] = new TechnicianMonth(
                        t.Visits + 1, t.FirstTimeFixes + (visit.FirstTimeFix ? 1 : 0), t.RepeatRepairs + (visit.RepeatRepair ? 1 : 0));
                }

                var advisor = Advisors.GetValueOrDefault(visit.AdvisorId) ?? new AdvisorMonth(0, 0);
                Advisors[visit.AdvisorId] = advisor with { Visits = advisor.Visits + 1 };
                break;
            case CsatSubmitted csat:
                CsatAnswers++;
                CsatSum += csat.Score;
                CsatSatisfied += csat.Score >= 4 ? 1 : 0;
                break;
            case UpsellSold upsell:
                var seller = Advisors.GetValueOrDefault(upsell.AdvisorId) ?? new AdvisorMonth(0, 0);
                Advisors[upsell.AdvisorId] = seller with { Upsells = seller.Upsells + 1 };
                break;
        }
    }

    public PerformanceMonth ToView() => new(
        Visits, OnTime, CsatAnswers, CsatSum, CsatSatisfied,
        new Dictionary<string, TechnicianMonth>(Technicians, StringComparer.Ordinal), new Dictionary<string, AdvisorMonth>(Advisors, StringComparer.Ordinal));
}
