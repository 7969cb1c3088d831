using System.Collections.Concurrent;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>The embedded mode's idempotency record: as durable as the rest of that mode, i.e. the process.</summary>
public sealed class InMemoryEventKeyStore : IEventKeyStore
{
    private static readonly KeyRecord Claimed = new(Published: false, DealershipId: null, Claimant: null);

    private readonly ConcurrentDictionary<EventKey, KeyRecord> _records = new();

    public Task<IReadOnlySet<EventKey>> ClaimAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlySet<EventKey>>(keys.Where(k => !_records.GetOrAdd(k, Claimed).Published).ToHashSet());

    // GetOrAdd stores one value per key however many threads race, and returns it to each: the
    // claimant whose record was stored is the only one that finds itself in it.
    public Task<IReadOnlySet<EventKey>> ClaimExclusiveAsync(IReadOnlyCollection<ExclusiveClaim> claims, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlySet<EventKey>>(claims
            .Where(c => _records.GetOrAdd(c.Key, new KeyRecord(false, null, c.Claimant)) is { Published: false } held && held.Claimant == c.Claimant)
            .Select(c => c.Key)
            .ToHashSet());

    public Task MarkPublishedAsync(IReadOnlyCollection<PublishedKey> keys, CancellationToken cancellation)
    {
        foreach (var (key, dealershipId) in keys)
        {
            _records.AddOrUpdate(
                key,
                static (_, dealership) => new KeyRecord(true, dealership, null),
                static (_, held, dealership) => held.Published ? held : held with { Published = true, DealershipId = dealership },
                dealershipId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<EventKey, string?>> FindPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation)
    {
        var found = new Dictionary<EventKey, string?>();
        foreach (var key in keys)
        {
            if (_records.TryGetValue(key, out var held) && held.Published)
            {
                found[key] = held.DealershipId;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<EventKey, string?>>(found);
    }

    private sealed record KeyRecord(bool Published, string? DealershipId, EventKey? Claimant);
}
