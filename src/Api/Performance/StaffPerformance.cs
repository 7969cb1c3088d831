namespace Pitstop.Api.Performance;

/// <summary>
/// The staff performance dashboard's figures (<c>GET /analytics/staff-performance</c>). Counts
/// travel with every rate, and a rate is null where there is nothing to divide by.
/// </summary>
public sealed record StaffPerformance(
    string Month, string? DealershipId, string? State,
    IReadOnlyList<CsatMonth> CsatTrend,
    IReadOnlyList<OnTimeFigures> OnTimeByDealership,
    IReadOnlyList<OnTimeFigures> OnTimeByState,
    IReadOnlyList<TechnicianFigures> Technicians,
    IReadOnlyList<AdvisorFigures> Advisors,
    Participation Participation);

/// <summary>One month's CSAT answers (1-5): their mean and the share satisfied (4 or 5).</summary>
public sealed record CsatMonth(string Month, long Answers, double? Average, double? SatisfiedShare);

/// <summary>Visits completed and those delivered by their promised time; <c>dealershipId</c> absent in the by-state list.</summary>
public sealed record OnTimeFigures(string? DealershipId, string State, long Visits, long OnTime, double? Share);

public sealed record TechnicianFigures(
    string StaffId, string? Name, string DealershipId, long Visits, long FirstTimeFixes, double? FirstTimeFixRate, long RepeatRepairs, double? RepeatRepairRate);

/// <summary><c>upsellsPerVisit</c>: upsells sold over visits advised (events carry no offers, so no share of offers converted).</summary>
public sealed record AdvisorFigures(string StaffId, string? Name, string DealershipId, long Visits, long Upsells, double? UpsellsPerVisit);

/// <summary>Registered staff, and those of them with points in the month (a league score above zero).</summary>
public sealed record Participation(long Registered, long Earned, double? Share, IReadOnlyList<DealershipParticipation> ByDealership);

public sealed record DealershipParticipation(string DealershipId, string State, long Registered, long Earned, double? Share);
