using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Workshop;

namespace Pitstop.Grains.Workshop;

/// <summary>The timing of the job-card SLA watch as plain functions; the watch grain only applies them.</summary>
public sealed class JobCardSlaRules(WorkshopOptions options)
{
    /// <summary>The events a dealership's watch is handed: job cards opened and closed.</summary>
    public static bool Watches(EventData data) => data is VisitOpened or VisitCompleted;

    public DateTimeOffset ApproachingAt(DateTimeOffset promisedAt) => promisedAt.Plus(-options.SlaWarning);

    /// <summary>
    /// Whether a card promised at <paramref name="promisedAt"/> is still held at <paramref name="now"/>
    /// (see <see cref="WorkshopOptions.WatchRetention"/>). Once false it stays false, since time only
    /// moves forward: what it lets go never comes back.
    /// </summary>
    public bool Holds(DateTimeOffset promisedAt, DateTimeOffset now) => now < promisedAt.Plus(options.WatchRetention);

    /// <summary>
    /// The alert due for an open card at <paramref name="now"/>, if any. Each is raised once; the
    /// breach supersedes a warning not yet raised (a review that comes late warns of nothing past).
    /// </summary>
    public SlaAlert? AlertDue(JobCardWatch card, DateTimeOffset now) =>
        card.BreachedRaised ? null
        : now >= card.PromisedAt ? SlaAlert.Breached
        : !card.ApproachingRaised && now >= ApproachingAt(card.PromisedAt) ? SlaAlert.Approaching
        : null;

    /// <summary>The card once <paramref name="alert"/> is raised for it.</summary>
    public static JobCardWatch Raised(JobCardWatch card, SlaAlert alert) =>
        alert == SlaAlert.Breached ? card with { BreachedRaised = true } : card with { ApproachingRaised = true };
}

public enum SlaAlert { Approaching, Breached }
