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

    /// <summary>Most messages one multi-row insert carries (group commit of concurrent producers).</summary>
    [Range(1, 100_000)]
    public int MaxWriteBatch { get; set; } = 2_000;
}
