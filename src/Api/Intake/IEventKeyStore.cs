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

    Task MarkPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation);

    /// <summary>Of the given keys, those whose events were published (accepted for good).</summary>
    Task<IReadOnlySet<EventKey>> FindPublishedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellation);
}
