using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Interfaces.Webhooks;
using Pitstop.Grains.Webhooks;

namespace Pitstop.Rules.Tests.Webhooks;

/// <summary>Which part of the feed a subscription reads: by dealership and state, then by type.</summary>
public class WebhookScopeTests
{
    private static readonly Dictionary<string, string> Directory = new(StringComparer.Ordinal)
    {
        ["DLR-KA-1"] = "KA",
        ["DLR-KA-2"] = "KA",
        ["DLR-KL-1"] = "KL",
        ["DLR-GA-1"] = "GA",
    };

    private static WebhookDefinition Subscription(string[]? types = null, string[]? dealerships = null, string[]? states = null) =>
        new("wh-1", "https://example.com/in", types ?? [], dealerships ?? [], states ?? [], new string('s', 32), DateTimeOffset.UnixEpoch);

    private static Notification Of(string type) => new("n-1", type, "operators", DateTimeOffset.UnixEpoch, new Dictionary<string, string>());

    [Fact]
    public void A_subscription_without_dealerships_or_states_reads_the_whole_feed() =>
        WebhookScope.Dealerships(Subscription(), Directory).Should().BeNull();

    [Fact]
    public void States_read_as_their_dealerships_together_with_those_named_once_each() =>
        WebhookScope.Dealerships(Subscription(dealerships: ["DLR-GA-1", "DLR-KA-1"], states: ["KA"]), Directory)
            .Should().Equal("DLR-GA-1", "DLR-KA-1", "DLR-KA-2");

    [Fact]
    public void A_state_without_dealerships_yet_reads_nothing_rather_than_everything() =>
        WebhookScope.Dealerships(Subscription(states: ["MH"]), Directory).Should().BeEmpty();

    [Fact]
    public void Types_narrow_what_is_sent_and_none_means_every_type()
    {
        var topUps = Subscription(types: [NotificationTypes.BudgetTopUp]);

        WebhookScope.Wants(topUps, Of(NotificationTypes.BudgetTopUp)).Should().BeTrue();
        WebhookScope.Wants(topUps, Of(NotificationTypes.TierUpgraded)).Should().BeFalse();
        WebhookScope.Wants(Subscription(), Of(NotificationTypes.TierUpgraded)).Should().BeTrue();
    }
}
