using System.ComponentModel.DataAnnotations;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Archive;

/// <summary>How long the event archive keeps an event (section <c>Archive</c>).</summary>
public sealed class ArchiveOptions
{
    public const string Section = "Archive";

    /// <summary>
    /// How far back from the program's now, by when events occurred, the archive reaches. The intake
    /// window by default: an event older than that can never be accepted again, so the archive then
    /// holds exactly the events the engine could still be asked about.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = IntakeWindow.MaxAge;
}
