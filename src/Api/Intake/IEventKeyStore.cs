using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// The idempotency record of (source, id) pairs, as the intake's checks read it. Keys are written
/// by acceptance (<see cref="IEventAcceptance"/>), with their events.
/// </summary>
public interface IEventKeyStore
{
    /// <summary>
    /// Of the given keys, those whose events were published (accepted for good), each with its
    /// dealership: null for a key published before dealerships were recorded.
    /// </summary>
    Task<IReadOnlyDictionary<EventKey, string?>> FindPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation);
}
