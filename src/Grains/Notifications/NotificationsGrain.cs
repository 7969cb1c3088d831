using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Grains.Notifications;

/// <summary>Reads the feed for the API; any silo can answer.</summary>
[StatelessWorker]
public sealed class NotificationsGrain(INotificationFeed feed) : Grain, INotificationsGrain
{
    public Task<IReadOnlyList<Notification>> ReadAsync(long after, int limit, IReadOnlyList<string>? dealerships) =>
        feed.ReadAsync(after, limit, dealerships);

    public Task<long> HeadAsync() => feed.HeadAsync();

    public Task<IReadOnlyList<Notification>> LatestAsync(string dealershipId, IReadOnlyList<string> types, int limit) =>
        feed.LatestAsync(dealershipId, types, limit);
}
