using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// The idempotency record of (source, id) pairs, kept forever. A key is claimed before its event is
/// published and marked published after; a claimed but unpublished key (the intake crashed in
/// between) is handed out again, so a retry publishes the event instead of calling it a duplicate.
/// </summary>
public interface IEventKeyStore
{
    /// <summary>Of the given keys, those whose events must be published now: new ones and unpublished ones.</summary>
    Task<IReadOnlySet<EventKey>> ClaimAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation);

    /// <summary>
    /// Of the given keys (distinct), those now held by their claimant: new ones, and unpublished
    /// ones claimed before by the same claimant. Atomic per key: of concurrent claims by different
    /// claimants, exactly one wins.
    /// </summary>
    Task<IReadOnlySet<EventKey>> ClaimExclusiveAsync(IReadOnlyCollection<ExclusiveClaim> claims, CancellationToken cancellation);

    /// <summary>Marks the keys published, recording each one's dealership; a key already published keeps its first record.</summary>
    Task MarkPublishedAsync(IReadOnlyCollection<PublishedKey> keys, CancellationToken cancellation);

    /// <summary>
    /// Of the given keys, those whose events were published (accepted for good), each with its
    /// dealership: null for a key published before dealerships were recorded.
    /// </summary>
    Task<IReadOnlyDictionary<EventKey, string?>> FindPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation);
}
