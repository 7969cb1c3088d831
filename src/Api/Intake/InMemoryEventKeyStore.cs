using System.Collections.Concurrent;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// The embedded mode's idempotency record: as durable as the rest of that mode, i.e. the process.
/// A key is claimed before its event is published and marked published after; a claimed but
/// unpublished key (the publish failed) is handed out again.
/// </summary>
public sealed class InMemoryEventKeyStore : IEventKeyStore
{
    private static readonly KeyRecord Claimed = new(Published: false, DealershipId: null, Claimant: null);

    private readonly ConcurrentDictionary<EventKey, KeyRecord> _records = new();

    /// <summary>Of the given keys, those whose events must be published now: new ones and unpublished ones.</summary>
    public HashSet<EventKey> Claim(IEnumerable<EventKey> keys) =>
        keys.Where(k => !_records.GetOrAdd(k, Claimed).Published).ToHashSet();

    /// <summary>
    /// Of the given keys (distinct), those now held by their claimant: new ones, and unpublished
    /// ones claimed before by the same claimant. Of concurrent claims by different claimants,
    /// exactly one wins: GetOrAdd stores one value per key however many threads race, and returns
    /// it to each, so the claimant whose record was stored is the only one that finds itself in it.
    /// </summary>
    public HashSet<EventKey> ClaimExclusive(IEnumerable<ExclusiveClaim> claims) =>
        claims
            .Where(c => _records.GetOrAdd(c.Key, new KeyRecord(false, null, c.Claimant)) is { Published: false } held && held.Claimant == c.Claimant)
            .Select(c => c.Key)
            .ToHashSet();

    /// <summary>Marks the keys published, recording each one's dealership; a key already published keeps its first record.</summary>
    public void MarkPublished(IEnumerable<PublishedKey> keys)
    {
        foreach (var (key, dealershipId) in keys)
        {
            _records.AddOrUpdate(
                key,
                static (_, dealership) => new KeyRecord(true, dealership, null),
                static (_, held, dealership) => held.Published ? held : held with { Published = true, DealershipId = dealership },
                dealershipId);
        }
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
