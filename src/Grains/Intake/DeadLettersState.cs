using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Intake;

[GenerateSerializer, Alias("pitstop.DeadLettersState")]
public sealed class DeadLettersState : IJournalledState
{
    /// <summary>The id of the last letter kept: ids grow, and an id is never reused.</summary>
    [Id(0)] public long LastId { get; set; }

    /// <summary>The letters, oldest first; closed ones beyond <see cref="DeadLettersGrain.ClosedKept"/> are forgotten.</summary>
    [Id(1)] public List<DeadLetter> Letters { get; set; } = [];

    /// <summary>The notifications of moves, retries and discards, sent after the write that decided them.</summary>
    [Id(2)] public DurableOutbox Outbox { get; set; } = new();
}
