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
    /// How often a partition's reader deletes the rows its cursor has passed (<see cref="QueueTrimming"/>):
    /// one range per interval rather than a few rows per delivered round.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest pause in asking the database about a partition found empty (<see cref="IdlePolling"/>):
    /// what an event arriving at an idle cluster may wait more. The league shows a score change within a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:00.5")]
    public TimeSpan IdlePollCeiling { get; set; } = TimeSpan.FromMilliseconds(160);

    /// <summary>Most writes (intake batches, retried dead letters) one transaction of the queue's writer carries.</summary>
    [Range(1, 100_000)]
    public int MaxWriteBatch { get; set; } = 2_000;
}
