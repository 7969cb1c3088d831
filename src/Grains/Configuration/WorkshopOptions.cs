using System.ComponentModel.DataAnnotations;

namespace Pitstop.Grains.Configuration;

/// <summary>The job-card SLA watch (events.md, <c>service.visit.opened</c>).</summary>
public sealed class WorkshopOptions
{
    /// <summary>How long before a card's promise its advisor is told the promise is approaching.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SlaWarning { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long after its promise a card is held at most: a card still open then (its breach long
    /// alerted) is let go, and an opening whose promise is older starts no watch. Completions are
    /// remembered as long, so that an opening arriving after its completion starts none either.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "90.00:00:00")]
    public TimeSpan WatchRetention { get; set; } = TimeSpan.FromDays(7);
}
