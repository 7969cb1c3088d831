using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Workshop;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Workshop;

[GenerateSerializer, Alias("pitstop.JobCardWatchState")]
public sealed class JobCardWatchState : EventConsumerState, IJournalledState
{
    /// <summary>The cards under watch, by job card id.</summary>
    [Id(0)] public Dictionary<string, JobCardWatch> Open { get; set; } = [];

    /// <summary>
    /// Cards completed, by job card id, with the promise the completion carried: an opening that
    /// arrives after its completion (out of order, or sent again) starts no watch. Kept as long as
    /// such an opening could still start one (<see cref="JobCardSlaRules.Holds"/>).
    /// </summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> Completed { get; set; } = [];

    [Id(2)] public bool ReminderRegistered { get; set; }

    [Id(3)] public DurableOutbox Outbox { get; set; } = new();
}
