using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Grains.Recovery;

/// <summary>
/// The measures the service-recovery programme tracks beside NPS, as plain functions: whether a
/// recovery exceeded expectations, how much of it was redeemed, whether a complaint escalated.
/// </summary>
public static class RecoveryKpis
{
    /// <summary>
    /// What the latest follow-up that asked said of the recovery against expectations: the day-30
    /// answer supersedes the day-7 one, and a follow-up that did not ask leaves the earlier answer.
    /// </summary>
    public static RecoveryExpectations? LatestExpectations(IEnumerable<KeyValuePair<int, RecoveryExpectations?>> answersByDay) =>
        answersByDay.Where(a => a.Value is not null).OrderByDescending(a => a.Key).Select(a => a.Value).FirstOrDefault();

    /// <summary>
    /// A complaint escalated when its customer reached the escalation desk about it: a support case
    /// opened at or after the complaint opened and before its recovery was delivered (while they
    /// were still waiting for it to be put right). Other kinds of incident do not escalate.
    /// </summary>
    public static bool Escalated(IncidentKind kind, DateTimeOffset openedAt, DateTimeOffset? deliveredAt, IEnumerable<SupportCaseSeen> cases) =>
        kind == IncidentKind.Complaint && cases.Any(c => c.OpenedAt >= openedAt && (deliveredAt is not { } delivered || c.OpenedAt < delivered));

    /// <summary>
    /// How many points of each recovery its customer redeemed: each redemption not cancelled goes,
    /// in the order placed, to the recoveries received (funded) at or before it, oldest first, each
    /// up to its own amount; what is left of it was spent from other points. A cancellation takes
    /// its points off, and later redemptions then fill what it left. Ties go by id, so the answer
    /// does not depend on the order the inputs are listed in.
    /// </summary>
    public static Dictionary<string, long> RedeemedByRecovery(IEnumerable<RecoveryGiven> recoveries, IEnumerable<RedemptionSpent> redemptions)
    {
        var given = recoveries.Where(r => r.Points > 0)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.IncidentId, StringComparer.Ordinal).ToList();
        var redeemed = given.ToDictionary(r => r.IncidentId, _ => 0L);
        foreach (var redemption in redemptions.Where(r => r.Points > 0).OrderBy(r => r.PlacedAt).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            var left = redemption.Points;
            foreach (var recovery in given.TakeWhile(r => r.ReceivedAt <= redemption.PlacedAt))
            {
                var taken = Math.Min(left, recovery.Points - redeemed[recovery.IncidentId]);
                redeemed[recovery.IncidentId] += taken;
                left -= taken;
                if (left == 0)
                {
                    break;
                }
            }
        }

        return redeemed;
    }
}

/// <summary>A recovery as the customer received it: its incident, when it was funded, its points.</summary>
public sealed record RecoveryGiven(string IncidentId, DateTimeOffset ReceivedAt, long Points);

/// <summary>A redemption not cancelled: its id, when it was placed, its points.</summary>
public sealed record RedemptionSpent(string Id, DateTimeOffset PlacedAt, long Points);
