namespace Pitstop.Grains.Simulation;

/// <summary>
/// What a replay reports of its period: points awarded to customers and to staff by what caused
/// them (an event's type, <c>recovery</c>, <c>challenge</c>, <c>spot</c>), the points each
/// dealership's budget paid net of reversals, the customers' tiers at the end, the recovery points
/// among the awards, and the top 10 of every league board (role and scope) of the period's last month.
/// </summary>
public sealed record SimulationFigures(
    IReadOnlyDictionary<string, long> CustomerPointsByKind,
    IReadOnlyDictionary<string, long> StaffPointsByKind,
    IReadOnlyDictionary<string, long> BudgetDrawn,
    TierDistribution Tiers,
    long RecoveryPoints,
    IReadOnlyList<BoardTop> Boards);

/// <summary>Customers by tier at the end of a replay.</summary>
public sealed record TierDistribution(long Silver, long Gold, long Platinum);

/// <summary>The first places of one league board: its role, month and scope (<c>national</c>, <c>state:KA</c>, <c>dealership:DLR-1</c>).</summary>
public sealed record BoardTop(string Role, string Month, string Scope, IReadOnlyList<BoardPlace> Top)
{
    public const int Places = 10;
}

public sealed record BoardPlace(int Rank, string StaffId, string? Name, string DealershipId, long Score);
