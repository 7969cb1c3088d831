using System.Globalization;

namespace Pitstop.Grains.Notifications;

/// <summary>
/// The ids of notifications. The feed appends idempotently on the id, and a grain sends its outbox
/// again after a crash, so an id must come out the same for the same occasion: a format here must
/// never change (NotificationIdsTests pins each one), or a resent notification is shown twice.
/// </summary>
public static class NotificationIds
{
    /// <summary>A notification raised once for a thing that has its own id (a top-up, a job card, an incident): "budget.top-up:top-up:D-1:key".</summary>
    public static string Of(string type, string key) => $"{type}:{key}";

    /// <summary>A member's notification: type, member id and the occasion ("badge.earned:S-1:first-fix:2026-11").</summary>
    public static string OfMember(string type, string memberId, string key) => $"{type}:{memberId}:{key}";

    /// <summary>A decision on a dead letter, which can be taken again after a retry fails: "dead-letter.retried:7:{ticks}".</summary>
    public static string OfDeadLetter(string type, long letterId, DateTimeOffset at) => $"{type}:{letterId}:{at.UtcTicks}";

    /// <summary>A budget's cap reached, once a month: "cap:2026-11".</summary>
    public static string CapReached(string month) => $"cap:{month}";

    /// <summary>A badge earned, once a month: "first-fix:2026-11".</summary>
    public static string Badge(string badge, string month) => $"{badge}:{month}";

    /// <summary>A challenge completed, once a month: "on-time-4:2026-11".</summary>
    public static string Challenge(string challengeId, string month) => $"{challengeId}:{month}";

    /// <summary>An upgrade to <paramref name="tier"/> (wire name) at <paramref name="at"/>: "gold:1795000000000".</summary>
    public static string TierUpgrade(string tier, DateTimeOffset at) => $"{tier}:{at.ToUnixTimeMilliseconds()}";

    /// <summary>The yearly review of a day: "2027-03-05".</summary>
    /// <summary>The key of the notice of a customer's points expiring on <paramref name="day"/>: "2028-12-07".</summary>
    public static string Expiring(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string TierReview(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
