using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Grains.Recovery;

/// <summary>
/// The desk's bookkeeping as plain rules over its state: an incident is on the desk while a check
/// (the 24-hour promise, a follow-up) can still fall due for it, with the keys of its checks made;
/// once recovered with every follow-up completed or raised it is settled, and leaves for its
/// archive with those keys. So the desk holds the open incidents and their due checks, not a year
/// of history.
/// </summary>
public sealed class RecoveryDesk(RecoveryDeskState state, RecoveryRules rules)
{
    /// <summary>Whether the incident is on the desk (else it is new, or archived).</summary>
    public bool Holds(string incidentId) => state.Incidents.ContainsKey(incidentId);

    /// <summary>Puts the incident's latest summary on the desk and schedules what falls due from it.</summary>
    public void Upsert(IncidentSummary summary)
    {
        state.Incidents[summary.IncidentId] = summary;
        if (summary.ClosedAt is { } closedAt && summary.DeliveredAt is null)
        {
            Schedule(new DueCheck(summary.IncidentId, 0, rules.DueBy(closedAt)));
        }

        if (summary.DeliveredAt is { } deliveredAt)
        {
            foreach (var day in rules.Options.FollowUpDays.Where(d => !summary.FollowUpsCompleted.Contains(d)))
            {
                Schedule(new DueCheck(summary.IncidentId, day, deliveredAt.PlusDays(day)));
            }
        }
    }

    private void Schedule(DueCheck check)
    {
        if (!state.Done.Contains(check.Key))
        {
            state.Due.TryAdd(check.Key, check);
        }
    }

    /// <summary>Takes the checks due by <paramref name="now"/>, soonest first, and records them made.</summary>
    public IReadOnlyList<DueCheck> TakeDue(DateTimeOffset now)
    {
        var due = state.Due.Values.Where(c => c.DueAt <= now).OrderBy(c => c.DueAt).ToList();
        foreach (var check in due)
        {
            state.Due.Remove(check.Key);
            state.Done.Add(check.Key);
        }

        return due;
    }

    /// <summary>
    /// Takes the settled incidents off the desk, with the keys of their checks made: nothing can be
    /// scheduled for them again, since a later summary of a recovered incident the desk does not hold
    /// goes to its archive (<see cref="IRecoveryArchiveGrain.UpdateAsync"/>).
    /// </summary>
    public IReadOnlyList<IncidentSummary> TakeSettled()
    {
        var settled = state.Incidents.Values.Where(IsSettled).ToList();
        foreach (var incident in settled)
        {
            state.Incidents.Remove(incident.IncidentId);
            state.Done.Remove(new DueCheck(incident.IncidentId, 0, default).Key);
            foreach (var day in rules.Options.FollowUpDays)
            {
                state.Done.Remove(new DueCheck(incident.IncidentId, day, default).Key);
            }
        }

        return settled;
    }

    /// <summary>Recovered, and no check of it is left to make.</summary>
    public bool IsSettled(IncidentSummary incident) =>
        incident.DeliveredAt is not null
        && !state.Due.ContainsKey(new DueCheck(incident.IncidentId, 0, default).Key)
        && rules.Options.FollowUpDays.All(day => !state.Due.ContainsKey(new DueCheck(incident.IncidentId, day, default).Key));
}
