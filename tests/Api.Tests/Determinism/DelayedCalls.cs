using System.Collections.Concurrent;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Tests.Determinism;

/// <summary>
/// Holds back the events a grain is handed by a delay a test sets for that grain, so that the
/// calls of one delivery reach their grains in orders the scheduler alone rarely produces. It
/// decides nothing a test waits on: the tests wait for the facts they read.
/// </summary>
public sealed class DelayedCalls : IIncomingGrainCallFilter
{
    // Grain key → how long its ApplyAsync calls wait before they start.
    private static readonly ConcurrentDictionary<string, TimeSpan> Delays = new(StringComparer.Ordinal);

    public static void Delay(string grainKey, TimeSpan delay) => Delays[grainKey] = delay;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext.GrainInstance is IEventConsumer
            && context.ImplementationMethod.Name == nameof(IEventConsumer.ApplyAsync)
            && Delays.TryGetValue(context.TargetId.Key.ToString()!, out var delay))
        {
            await Task.Delay(delay);
        }

        await context.Invoke();
    }
}
