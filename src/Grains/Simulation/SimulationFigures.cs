namespace Pitstop.Grains.Simulation;

/// <summary>
/// What a replay reports of its period: points awarded to customers and to staff by what caused
/// them (an event's type, <c>recovery</c>, <c>challenge</c>, <c>spot</c>), the points each
/// dealership's budget paid net of reversals, the customers' tiers at the end, and the recovery
/// points among the awards.
/// </summary>
public sealed record SimulationFigures(
    IReadOnlyDictionary<string, long> CustomerPointsByKind,
    IReadOnlyDictionary<string, long> StaffPointsByKind,
    IReadOnlyDictionary<string, long> BudgetDrawn,
    TierDistribution Tiers,
    long RecoveryPoints);

/// <summary>Customers by tier at the end of a replay.</summary>
public sealed record TierDistribution(long Silver, long Gold, long Platinum);
