using Pitstop.Grains.Interfaces.Webhooks;

namespace Pitstop.Grains.Webhooks;

[GenerateSerializer, Alias("pitstop.WebhookState")]
public sealed class WebhookState
{
    /// <summary>Null when there is no subscription under the grain's id (never created, or deleted).</summary>
    [Id(0)] public WebhookDefinition? Definition { get; set; }

    /// <summary>The feed position delivered (or skipped as not wanted) up to.</summary>
    [Id(1)] public long Cursor { get; set; }

    [Id(2)] public bool Paused { get; set; }

    [Id(3)] public int ConsecutiveFailures { get; set; }

    /// <summary>Set after a failure: nothing is sent before it.</summary>
    [Id(4)] public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The latest attempts, newest first, at most <see cref="WebhookGrain.DeliveriesKept"/>.</summary>
    [Id(5)] public List<WebhookDelivery> Deliveries { get; set; } = [];
}
