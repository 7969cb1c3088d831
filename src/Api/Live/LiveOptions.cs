using System.ComponentModel.DataAnnotations;

namespace Pitstop.Api.Live;

/// <summary>The live streams (server-sent events) of the notification feed and the leaderboards.</summary>
public sealed class LiveOptions
{
    public const string Section = "Api:Live";

    /// <summary>How often the node's tail of the feed, and each live board, looks for news while someone watches.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:05")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A stream quiet this long sends a heartbeat, so proxies and clients know it is alive.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many of the newest notifications the node keeps for its live readers; older cursors read the feed.</summary>
    [Range(100, 1_000_000)]
    public int Window { get; set; } = 10_000;
}
