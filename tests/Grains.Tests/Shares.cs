using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Tests;

/// <summary>A grain's share as the router hands it: the events of one queue message, at its sequence number, indexed in order.</summary>
internal static class Shares
{
    public static Immutable<StreamShare> At(long sequence, params IReadOnlyList<DmsEvent> events) =>
        new StreamShare(events, [.. events.Select((_, i) => new EventPosition(sequence, i))]).AsImmutable();
}
