using System.Collections.Concurrent;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// The embedded mode's idempotency record: as durable as the rest of that mode, i.e. the process.
/// A key is claimed by one request before its event is published and marked published after; a
/// request whose publish failed gives back what it did not publish, for a later one to claim.
/// </summary>
public sealed class InMemoryEventKeyStore : IEventKeyStore
{
    private readonly ConcurrentDictionary<EventKey, KeyRecord> _records = new();

    /// <summary>
    /// Of the given keys, those whose events <paramref name="claimant"/> must publish now: new ones,
    /// and ones given back. Of concurrent claims of a key exactly one wins (as in
    /// <see cref="ClaimExclusive"/>): an event published twice would reach its grains at a second
    /// stream position, which their offsets do not cover.
    /// </summary>
    public HashSet<EventKey> Claim(IEnumerable<EventKey> keys, object claimant) =>
        keys.Where(k => _records.GetOrAdd(k, new KeyRecord(false, null, claimant)) is { Published: false } held && ReferenceEquals(held.Claimant, claimant))
            .ToHashSet();

    /// <summary>Gives back the keys <paramref name="claimant"/> holds and did not publish (its publish failed).</summary>
    public void Release(IEnumerable<EventKey> keys, object claimant)
    {
        foreach (var key in keys)
        {
            if (_records.TryGetValue(key, out var held) && !held.Published && ReferenceEquals(held.Claimant, claimant))
            {
                _records.TryRemove(new KeyValuePair<EventKey, KeyRecord>(key, held));
            }
        }
    }

    /// <summary>
    /// Of the given keys (distinct), those now held by their claimant: new ones, and unpublished
    /// ones claimed before by the same claimant. Of concurrent claims by different claimants,
    /// exactly one wins: GetOrAdd stores one value per key however many threads race, and returns
    /// it to each, so the claimant whose record was stored is the only one that finds itself in it.
    /// </summary>
    public HashSet<EventKey> ClaimExclusive(IEnumerable<ExclusiveClaim> claims) =>
        claims
            .Where(c => _records.GetOrAdd(c.Key, new KeyRecord(false, null, c.Claimant)) is { Published: false } held && Equals(held.Claimant, c.Claimant))
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

    // Claimant: the request holding an unpublished key, or the event holding an exclusive one.
    private sealed record KeyRecord(bool Published, string? DealershipId, object? Claimant);
}
