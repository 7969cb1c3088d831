using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Grains.Notifications;

/// <summary>The feed of the embedded mode: ordered and idempotent, gone with the process.</summary>
public sealed class InMemoryNotificationFeed : INotificationFeed
{
    private readonly Lock _gate = new();
    private readonly List<Notification> _feed = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public Task AppendAsync(IReadOnlyList<Notification> notifications)
    {
        lock (_gate)
        {
            foreach (var n in notifications)
            {
                if (_ids.Add(n.Id))
                {
                    _feed.Add(n with { Seq = _feed.Count + 1 });
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Notification>> ReadAsync(long after, int limit, IReadOnlyList<string>? dealerships)
    {
        var wanted = dealerships?.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            var start = (int)Math.Clamp(after, 0, _feed.Count);
            IReadOnlyList<Notification> page = [.. _feed.Skip(start)
                .Where(n => wanted is null || (n.DealershipId is { } dealership && wanted.Contains(dealership)))
                .Take(limit)];
            return Task.FromResult(page);
        }
    }

    public Task<long> HeadAsync()
    {
        lock (_gate)
        {
            return Task.FromResult((long)_feed.Count);
        }
    }

    public Task<IReadOnlyList<Notification>> LatestAsync(string dealershipId, IReadOnlyList<string> types, int limit)
    {
        lock (_gate)
        {
            IReadOnlyList<Notification> page = [.. Enumerable.Reverse(_feed)
                .Where(n => n.DealershipId == dealershipId && types.Contains(n.Type))
                .Take(limit)];
            return Task.FromResult(page);
        }
    }
}
