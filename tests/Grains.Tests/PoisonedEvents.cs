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

    // Event id → whether a staff member's rules refused it once already.
    private static readonly ConcurrentDictionary<string, bool> RefusedOnce = new(StringComparer.Ordinal);

    /// <summary>Staff members' rules refuse the event once, so the stream delivers it again, and take it then.</summary>
    public static void PoisonOnceForStaff(string eventId) => RefusedOnce[eventId] = false;

    public static bool WasRefusedOnce(string eventId) => RefusedOnce.TryGetValue(eventId, out var refused) && refused;

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.TargetContext.GrainInstance is IEventConsumer
            && context.ImplementationMethod.Name is nameof(IEventConsumer.ApplyAsync) or nameof(IEventConsumer.ProbeAsync)
            && context.Request.GetArgument(0) is Immutable<StreamShare> share
            && share.Value.Events.FirstOrDefault(e => IsPoison(e, context.TargetContext.GrainInstance is IStaffGrain)) is { } poison
            ? throw new OverflowException($"the rules cannot apply {poison.Id} in this test")
            : context.Invoke();

    private static bool IsPoison(DmsEvent e, bool staff) =>
        (Poisoned.TryGetValue(e.Id, out var staffOnly) && (!staffOnly || staff))
        || (staff && RefusedOnce.TryUpdate(e.Id, true, false));
}
