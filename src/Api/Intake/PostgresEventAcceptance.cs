using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Silo.Streams;

namespace Pitstop.Api.Intake;

/// <summary>
/// Acceptance in PostgreSQL: keys and queue rows written in one transaction by the queue's writer,
/// shared with the node's concurrent requests. A request that gives up waiting (timeout) may still
/// see its events accepted in full; never in part.
/// </summary>
public sealed class PostgresEventAcceptance(EventQueueWriter writer) : IEventAcceptance
{
    public async Task<Admission> AcceptAsync(IReadOnlyList<DmsEvent> events, Func<IReadOnlyList<DmsEvent>, Task>? announce, CancellationToken cancellation)
    {
        // Set in this async method, the trace's parent goes with this write's queue rows and no further.
        using var trace = IntakeTracing.StartPublish(events.Count);
        return await writer.AdmitAsync([.. events.Select(e => new AdmittedEvent(e, ReversalChecks.ExclusiveKeyOf(e)))], announce)
            .WaitAsync(cancellation);
    }
}
