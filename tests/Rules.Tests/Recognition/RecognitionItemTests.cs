using Pitstop.Api.Recognition;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Rules.Tests.Recognition;

/// <summary>How recognition notifications read as lines of a dealership's recognition feed.</summary>
public class RecognitionItemTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static Notification Of(string type, Dictionary<string, string> data) => new("n-1", type, "staff:S-1", At, data, 7, "D-1");

    [Fact]
    public void A_badge_a_challenge_and_a_spot_award_read_as_their_kind_title_and_points()
    {
        RecognitionItem.Of(Of(NotificationTypes.BadgeEarned, new() { ["staffId"] = "S-1", ["badge"] = "pitstop-pro", ["month"] = "2026-11" }))
            .Should().Be(new RecognitionItem("badge", "S-1", null, "pitstop-pro", null, "2026-11", At));
        RecognitionItem.Of(Of(NotificationTypes.ChallengeCompleted, new() { ["staffId"] = "S-1", ["challenge"] = "on-time-4", ["name"] = "Four on time", ["bonus"] = "300", ["month"] = "2026-11" }))
            .Should().Be(new RecognitionItem("challenge", "S-1", null, "Four on time", 300, "2026-11", At));
        RecognitionItem.Of(Of(NotificationTypes.SpotAwarded, new() { ["staffId"] = "S-1", ["reason"] = "Stayed late", ["points"] = "50", ["month"] = "2026-11" }))
            .Should().Be(new RecognitionItem("spot-award", "S-1", null, "Stayed late", 50, "2026-11", At));
    }

    [Fact]
    public void A_challenge_without_a_name_or_bonus_reads_as_its_id_without_points_and_other_notifications_are_not_recognition()
    {
        RecognitionItem.Of(Of(NotificationTypes.ChallengeCompleted, new() { ["staffId"] = "S-1", ["challenge"] = "on-time-4", ["name"] = "", ["bonus"] = "0" }))
            .Should().Be(new RecognitionItem("challenge", "S-1", null, "on-time-4", null, null, At));
        RecognitionItem.Of(Of(NotificationTypes.BudgetTopUp, new() { ["staffId"] = "S-1" })).Should().BeNull();
        RecognitionItem.Of(Of(NotificationTypes.BadgeEarned, new() { ["badge"] = "pitstop-pro" })).Should().BeNull();
    }
}
