using System.Globalization;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Api.Recognition;

/// <summary>
/// One line of a dealership's recognition feed: who was recognised, for what, and when.
/// <c>kind</c> is badge | challenge | spot-award; <c>title</c> the badge id, the challenge's name or
/// the spot award's reason; <c>points</c> the challenge's bonus or the spot award's points.
/// </summary>
public sealed record RecognitionItem(string Kind, string StaffId, string? Name, string Title, long? Points, string? Month, DateTimeOffset At)
{
    /// <summary>The notification types the feed is built from.</summary>
    public static readonly IReadOnlyList<string> Types = [NotificationTypes.BadgeEarned, NotificationTypes.ChallengeCompleted, NotificationTypes.SpotAwarded];

    /// <summary>The line a recognition notification reads as; null for any other notification, or one without a staff member.</summary>
    public static RecognitionItem? Of(Notification notification)
    {
        var data = notification.Data;
        if (!data.TryGetValue("staffId", out var staffId))
        {
            return null;
        }

        var month = data.GetValueOrDefault("month");
        return notification.Type switch
        {
            NotificationTypes.BadgeEarned when data.TryGetValue("badge", out var badge) =>
                new RecognitionItem("badge", staffId, null, badge, null, month, notification.At),
            NotificationTypes.ChallengeCompleted when data.TryGetValue("challenge", out var challenge) =>
                new RecognitionItem("challenge", staffId, null, data.GetValueOrDefault("name") is { Length: > 0 } name ? name : challenge, PointsOf(data, "bonus"), month, notification.At),
            NotificationTypes.SpotAwarded when data.TryGetValue("reason", out var reason) =>
                new RecognitionItem("spot-award", staffId, null, reason, PointsOf(data, "points"), month, notification.At),
            _ => null,
        };
    }

    private static long? PointsOf(IReadOnlyDictionary<string, string> data, string key) =>
        data.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var points) && points > 0 ? points : null;
}
