namespace Pitstop.Grains.Interfaces.Notifications;

/// <summary>
/// One entry of the notification feed (program.md): a stable id, a type, a target and a time, and
/// the facts a sender needs. <see cref="Seq"/> is the feed position, set when it is stored.
/// <see cref="DealershipId"/> is the dealership it concerns, by which scoped readers see it.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.Notification")]
public sealed record Notification(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Target,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] IReadOnlyDictionary<string, string> Data,
    [property: Id(5)] long Seq = 0,
    [property: Id(6)] string? DealershipId = null);

/// <summary>Reads the notification feed, oldest first, after a position.</summary>
[Alias("pitstop.INotificationsGrain")]
public interface INotificationsGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="limit"/> notifications after <paramref name="after"/>; of <paramref name="dealerships"/> only, unless null.</summary>
    [ReadOnly, Alias("read")]
    Task<IReadOnlyList<Notification>> ReadAsync(long after, int limit, IReadOnlyList<string>? dealerships);

    /// <summary>The position of the newest notification, 0 when there is none.</summary>
    [ReadOnly, Alias("head")]
    Task<long> HeadAsync();

    /// <summary>The newest <paramref name="limit"/> notifications of one dealership and of <paramref name="types"/>, newest first.</summary>
    [ReadOnly, Alias("latest")]
    Task<IReadOnlyList<Notification>> LatestAsync(string dealershipId, IReadOnlyList<string> types, int limit);
}

public static class NotificationTypes
{
    public const string BudgetTopUp = "budget.top-up";
    public const string BudgetCapReached = "budget.cap-reached";
    public const string AwardFunded = "award.funded";
    public const string RecoveryDelivered = "recovery.delivered";
    public const string BadgeEarned = "league.badge-earned";
    public const string ChallengeCompleted = "league.challenge-completed";
    public const string SpotAwarded = "league.spot-awarded";
    public const string RecoverySlaBreached = "recovery.sla-breached";
    public const string FollowUpDue = "recovery.follow-up-due";
    public const string SlaApproaching = "sla.approaching";
    public const string SlaBreached = "sla.breached";
    public const string TierUpgraded = "tier.upgraded";
    public const string TierReviewed = "tier.reviewed";
    public const string PointsExpiring = "points.expiring";
    public const string UpgradePrompt = "customer.upgrade-prompt";
    public const string EventDeadLettered = "event.dead-lettered";
    public const string DeadLetterRetried = "dead-letter.retried";
    public const string DeadLetterDiscarded = "dead-letter.discarded";

    /// <summary>Every type above: what a webhook subscription may ask for.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        BudgetTopUp, BudgetCapReached, AwardFunded, RecoveryDelivered, BadgeEarned, ChallengeCompleted, SpotAwarded, RecoverySlaBreached,
        FollowUpDue, SlaApproaching, SlaBreached, TierUpgraded, TierReviewed, PointsExpiring, UpgradePrompt, EventDeadLettered,
        DeadLetterRetried, DeadLetterDiscarded,
    };
}
