using Pitstop.Grains.Notifications;

namespace Pitstop.Rules.Tests.Notifications;

/// <summary>
/// Notification ids are persisted idempotency keys of the feed, and targets are what readers filter
/// on: each expected string here is what the engine has stored so far, and must never change.
/// </summary>
public class NotificationIdsTests
{
    [Fact]
    public void A_notification_of_a_thing_is_its_type_and_key()
    {
        NotificationIds.Of("budget.top-up", "top-up:DLR-1:key-1").Should().Be("budget.top-up:top-up:DLR-1:key-1");
        NotificationIds.Of("budget.cap-reached", NotificationIds.CapReached("2026-11")).Should().Be("budget.cap-reached:cap:2026-11");
        NotificationIds.OfDeadLetter("dead-letter.retried", 7, new DateTimeOffset(630_000_000_000_000_000, TimeSpan.Zero))
            .Should().Be("dead-letter.retried:7:630000000000000000");
    }

    [Fact]
    public void A_members_notification_names_the_member_and_the_occasion()
    {
        NotificationIds.OfMember("badge.earned", "S-1", NotificationIds.Badge("first-fix", "2026-11")).Should().Be("badge.earned:S-1:first-fix:2026-11");
        NotificationIds.Challenge("on-time-4", "2026-11").Should().Be("on-time-4:2026-11");
        NotificationIds.TierUpgrade("gold", DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123)).Should().Be("gold:1795000000123");
        NotificationIds.TierReview(new DateOnly(2027, 3, 5)).Should().Be("2027-03-05");
    }

    [Fact]
    public void Targets_keep_their_formats()
    {
        NotificationTargets.Customer("C-1").Should().Be("customer:C-1");
        NotificationTargets.Staff("S-1").Should().Be("staff:S-1");
        NotificationTargets.Dealership("DLR-1").Should().Be("dealership:DLR-1");
        NotificationTargets.Operators.Should().Be("operators");
    }
}
