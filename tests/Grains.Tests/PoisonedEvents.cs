using System.Collections.Concurrent;
using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Tests;

/// <summary>
/// Makes the rules of every grain refuse the events a test names, as a rule that cannot apply a
/// value would (an overflow, say): the grain throws from <see cref="IEventConsumer.ApplyAsync"/>
/// and <see cref="IEventConsumer.ProbeAsync"/> whenever the events it is given hold one of them.
/// A test "fixes the rule" by taking its event off the list.
/// </summary>
public sealed class PoisonedEvents : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<string, bool> Poisoned = new(StringComparer.Ordinal);

    public static void Poison(string eventId) => Poisoned[eventId] = true;

    public static void Cure(string eventId) => Poisoned.TryRemove(eventId, out _);

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.TargetContext.GrainInstance is IEventConsumer
            && context.ImplementationMethod.Name is nameof(IEventConsumer.ApplyAsync) or nameof(IEventConsumer.ProbeAsync)
            && context.Request.GetArgument(0) is Immutable<IReadOnlyList<DmsEvent>> events
            && events.Value.FirstOrDefault(e => Poisoned.ContainsKey(e.Id)) is { } poison
            ? throw new OverflowException($"the rules cannot apply {poison.Id} in this test")
            : context.Invoke();
}
