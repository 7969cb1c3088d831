using System.Collections.Concurrent;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>The embedded mode's idempotency record: as durable as the rest of that mode, i.e. the process.</summary>
public sealed class InMemoryEventKeyStore : IEventKeyStore
{
    private readonly ConcurrentDictionary<EventKey, bool> _published = new();

    public Task<IReadOnlySet<EventKey>> ClaimAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlySet<EventKey>>(keys.Where(k => !_published.GetOrAdd(k, false)).ToHashSet());

    public Task MarkPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation)
    {
        foreach (var key in keys)
        {
            _published[key] = true;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<EventKey>> FindPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlySet<EventKey>>(keys.Where(k => _published.TryGetValue(k, out var published) && published).ToHashSet());
}
