using System.ComponentModel.DataAnnotations;

namespace Pitstop.Silo.Streams;

/// <summary>Settings of the PostgreSQL-backed event queue (section <c>Orleans:Streams</c>).</summary>
public sealed class PostgresStreamOptions
{
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Partitions of the queue table; each is pulled by one agent somewhere in the cluster.</summary>
    [Range(1, 256)]
    public int QueueCount { get; set; } = 8;

    /// <summary>
    /// How long a leased message stays invisible to other receivers. A silo that dies holding a
    /// lease delays its messages by at most this long; it never loses them.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest pause in asking the database about a partition found empty (<see cref="IdlePolling"/>):
    /// what an event arriving at an idle cluster may wait more. The league shows a score change within a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:00.5")]
    public TimeSpan IdlePollCeiling { get; set; } = TimeSpan.FromMilliseconds(160);

    /// <summary>Most messages one multi-row insert carries (group commit of concurrent producers).</summary>
    [Range(1, 100_000)]
    public int MaxWriteBatch { get; set; } = 2_000;
}
