namespace Pitstop.Grains.Interfaces.Dealerships;

/// <summary>
/// What a dealership's staff did in one month, counted from its events once each (the month's
/// record of applied events): completed visits and those delivered by their promise, CSAT answers
/// (1-5) with their sum and the satisfied ones (4-5), and per technician and advisor the visits
/// they are named on, first-time fixes and repeat repairs, upsells sold.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.PerformanceMonth")]
public sealed record PerformanceMonth(
    [property: Id(0)] long Visits,
    [property: Id(1)] long OnTime,
    [property: Id(2)] long CsatAnswers,
    [property: Id(3)] long CsatSum,
    [property: Id(4)] long CsatSatisfied,
    [property: Id(5)] IReadOnlyDictionary<string, TechnicianMonth> Technicians,
    [property: Id(6)] IReadOnlyDictionary<string, AdvisorMonth> Advisors)
{
    public static readonly PerformanceMonth None = new(0, 0, 0, 0, 0, new Dictionary<string, TechnicianMonth>(), new Dictionary<string, AdvisorMonth>());
}

[GenerateSerializer, Immutable, Alias("pitstop.TechnicianMonth")]
public sealed record TechnicianMonth([property: Id(0)] long Visits, [property: Id(1)] long FirstTimeFixes, [property: Id(2)] long RepeatRepairs);

[GenerateSerializer, Immutable, Alias("pitstop.AdvisorMonth")]
public sealed record AdvisorMonth([property: Id(0)] long Visits, [property: Id(1)] long Upsells);
