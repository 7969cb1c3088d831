using System.ComponentModel.DataAnnotations;

namespace Pitstop.Api.Intake;

/// <summary>How long <c>POST /api/v1/events?wait=applied</c> may wait for its events to be applied.</summary>
public sealed class IntakeWaitOptions
{
    public const string Section = "Api:Intake";

    /// <summary>
    /// The bound of the wait, after which the request answers with what is still pending. Below the
    /// request timeout (30 s) and Orleans' response timeout (30 s), so that a slow engine makes a
    /// waiting client ask again rather than fail.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:25")]
    public TimeSpan MaxApplyWait { get; set; } = TimeSpan.FromSeconds(5);
}
