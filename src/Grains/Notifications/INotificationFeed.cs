using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Grains.Notifications;

/// <summary>
/// The durable, ordered notification feed. Appending is idempotent on the notification id, so a
/// grain that crashed after appending and before recording it can append again.
/// </summary>
public interface INotificationFeed
{
    Task AppendAsync(IReadOnlyList<Notification> notifications);

    /// <summary>Notifications after the position <paramref name="after"/>, oldest first; of <paramref name="dealerships"/> only, unless null.</summary>
    Task<IReadOnlyList<Notification>> ReadAsync(long after, int limit, IReadOnlyList<string>? dealerships);

    /// <summary>The position of the newest notification (0 when there is none): a reader that starts now starts after it.</summary>
    Task<long> HeadAsync();

    /// <summary>The newest <paramref name="limit"/> notifications of <paramref name="dealershipId"/> whose type is one of <paramref name="types"/>, newest first.</summary>
    Task<IReadOnlyList<Notification>> LatestAsync(string dealershipId, IReadOnlyList<string> types, int limit);
}
