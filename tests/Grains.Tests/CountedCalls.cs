using System.Collections.Concurrent;

namespace Pitstop.Grains.Tests;

/// <summary>
/// Counts the calls each grain was made, by method, whoever made them: a test that pins how many
/// hops a delivery takes reads the counts of its own grains (their keys are its own) before and after.
/// </summary>
public sealed class CountedCalls : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(GrainId Target, string Method), int> Calls = new();

    public static int Of(GrainId target, string method) => Calls.GetValueOrDefault((target, method));

    public Task Invoke(IIncomingGrainCallContext context)
    {
        Calls.AddOrUpdate((context.TargetId, context.InterfaceMethod.Name), 1, (_, count) => count + 1);
        return context.Invoke();
    }
}
