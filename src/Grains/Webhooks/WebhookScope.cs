using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Interfaces.Webhooks;

namespace Pitstop.Grains.Webhooks;

/// <summary>Which notifications of the feed a subscription sends.</summary>
public static class WebhookScope
{
    /// <summary>
    /// The dealerships whose notifications it reads: those it names and those of the states it names,
    /// given the directory (dealership → state); null for the whole feed, when it names neither.
    /// Notifications that concern no dealership (operators') go only to a subscription of the whole feed.
    /// </summary>
    public static IReadOnlyList<string>? Dealerships(WebhookDefinition definition, IReadOnlyDictionary<string, string> stateOfDealership)
    {
        if (definition.Dealerships.Count == 0 && definition.States.Count == 0)
        {
            return null;
        }

        var states = definition.States.ToHashSet(StringComparer.Ordinal);
        return [.. definition.Dealerships
            .Concat(stateOfDealership.Where(d => states.Contains(d.Value)).Select(d => d.Key))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether a notification of its dealerships is of a type it wants (any, when it names none).</summary>
    public static bool Wants(WebhookDefinition definition, Notification notification) =>
        definition.Types.Count == 0 || definition.Types.Contains(notification.Type, StringComparer.Ordinal);
}
