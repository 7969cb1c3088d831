using System.Collections.Concurrent;
using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.Tests;

/// <summary>
/// Makes the rules of every grain refuse the events a test names, as a rule that cannot apply a
/// value would (an overflow, say): the grain throws from <see cref="IEventConsumer.ApplyAsync"/>
/// and <see cref="IEventConsumer.ProbeAsync"/> whenever the events it is given hold one of them.
/// A test "fixes the rule" by taking its event off the list. An event poisoned for staff only is
/// refused by staff members' rules and taken by every other grain's.
/// </summary>
public sealed class PoisonedEvents : IIncomingGrainCallFilter
{
    // Event id → whether only staff members refuse it.
    private static readonly ConcurrentDictionary<string, bool> Poisoned = new(StringComparer.Ordinal);

    public static void Poison(string eventId) => Poisoned[eventId] = false;

    public static void PoisonForStaff(string eventId) => Poisoned[eventId] = true;

    public static void Cure(string eventId) => Poisoned.TryRemove(eventId, out _);

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.TargetContext.GrainInstance is IEventConsumer
            && context.ImplementationMethod.Name is nameof(IEventConsumer.ApplyAsync) or nameof(IEventConsumer.ProbeAsync)
            && context.Request.GetArgument(0) is Immutable<IReadOnlyList<DmsEvent>> events
            && events.Value.FirstOrDefault(e => Poisoned.TryGetValue(e.Id, out var staffOnly) && (!staffOnly || context.TargetContext.GrainInstance is IStaffGrain)) is { } poison
            ? throw new OverflowException($"the rules cannot apply {poison.Id} in this test")
            : context.Invoke();
}
