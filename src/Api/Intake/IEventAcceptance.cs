using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Silo.Streams;

namespace Pitstop.Api.Intake;

/// <summary>
/// The intake's one step of acceptance: of the offered events (distinct keys, already validated),
/// the new ones are recorded as accepted and put on their dealerships' streams, each dealership's
/// in <c>occurredAt</c> order, as one durable step; duplicates are told apart by their keys. A
/// reversal is accepted only with its exclusive key (<see cref="ReversalChecks.ExclusiveKeyOf"/>).
/// </summary>
public interface IEventAcceptance
{
    /// <param name="announce">
    /// Told the accepted events before any of them can be delivered (read-your-writes: their routers
    /// expect them); null when nobody waits.
    /// </param>
    Task<Admission> AcceptAsync(IReadOnlyList<DmsEvent> events, Func<IReadOnlyList<DmsEvent>, Task>? announce, CancellationToken cancellation);
}
