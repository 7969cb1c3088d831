using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Interfaces.Dealerships;

/// <summary>
/// The events of one dealership that occurred in one month of the program's calendar (its time
/// zone; a month written before that also holds its UTC month's last hours, see docs/decisions.md), keyed
/// <c>{dealershipId}|{yyyy-MM}</c> (<see cref="DealershipMonths"/>): which of them were applied, so
/// that each counts once, and how many of each type. Fed by the dealership's router; the dealership
/// sums its months' counts when it is read. Kept apart from the dealership because the record of applied
/// events spans the intake window (400 days): a delivery rewrites one month of it, not a year.
/// </summary>
[Alias("pitstop.IDealershipMonthGrain")]
public interface IDealershipMonthGrain : IGrainWithStringKey
{
    /// <summary>Counts the events not counted before, and persists.</summary>
    [Alias("apply")]
    Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events);

    /// <summary>The month's events counted by type.</summary>
    [ReadOnly, Alias("counts")]
    Task<EventCounts> CountsAsync();

    /// <summary>The month's staff performance counts (<see cref="PerformanceMonth"/>), of the events counted since they were kept.</summary>
    [ReadOnly, Alias("performance")]
    Task<PerformanceMonth> PerformanceAsync();
}

/// <summary>Events counted by type.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.EventCounts")]
public sealed record EventCounts([property: Id(0)] IReadOnlyDictionary<string, long> ByType)
{
    /// <summary>Events counted in all.</summary>
    public long Applied => ByType.Values.Sum();
}

/// <summary>How a dealership's events are split by month.</summary>
public static class DealershipMonths
{
    public static string KeyOf(string dealershipId, string month) => $"{dealershipId}|{month}";
}
