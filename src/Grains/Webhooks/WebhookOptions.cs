using System.ComponentModel.DataAnnotations;

namespace Pitstop.Grains.Webhooks;

/// <summary>The admin settings of webhooks (section <see cref="Section"/>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Lets subscriptions send to loopback and private addresses: for a receiver inside the engine's network, and for tests.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How often a subscription looks at the feed after its cursor.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
