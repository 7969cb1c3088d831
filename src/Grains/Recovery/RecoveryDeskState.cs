using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Recovery;

[GenerateSerializer, Alias("pitstop.RecoveryDeskState")]
public sealed class RecoveryDeskState : IJournalledState
{
    /// <summary>
    /// The latest summary of each incident on the desk, by incident id: those a check can still fall
    /// due for (<see cref="RecoveryDesk"/>). States stored before settled incidents left also hold
    /// those, until the next review moves them to their archives.
    /// </summary>
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = [];

    /// <summary>Checks not yet made, by <see cref="DueCheck.Key"/>.</summary>
    [Id(1)] public Dictionary<string, DueCheck> Due { get; set; } = [];

    /// <summary>Keys of the checks already made of incidents on the desk: an incident told again schedules nothing twice.</summary>
    [Id(2)] public HashSet<string> Done { get; set; } = [];

    [Id(3)] public bool ReminderRegistered { get; set; }

    [Id(4)] public DurableOutbox Outbox { get; set; } = new();

    /// <summary>The months (<see cref="RecoveryArchives.MonthOf"/>) whose archive holds incidents of the desk.</summary>
    [Id(5)] public HashSet<string> ArchivedMonths { get; set; } = [];
}

/// <summary>A check falling due: the 24-hour promise of a closed incident, or a follow-up (<see cref="Day"/> &gt; 0).</summary>
[GenerateSerializer, Immutable, Alias("pitstop.DueCheck")]
public sealed record DueCheck([property: Id(0)] string IncidentId, [property: Id(1)] int Day, [property: Id(2)] DateTimeOffset DueAt)
{
    public string Key => Day == 0 ? $"sla:{IncidentId}" : $"follow-up:{IncidentId}:{Day}";
}
