namespace Pitstop.Grains.Interfaces.Archive;

/// <summary>Reads the event archive for the API; any silo can answer.</summary>
[Alias("pitstop.IEventArchiveGrain")]
public interface IEventArchiveGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>The page of archived events <paramref name="query"/> asks for, in archive order.</summary>
    [ReadOnly, Alias("read")]
    Task<IReadOnlyList<ArchivedEvent>> ReadAsync(ArchiveQuery query);
}

/// <summary>
/// Trims the archive to its retention (<c>Archive:Retention</c>) on a reminder. One activation
/// (key <see cref="Key"/>).
/// </summary>
[Alias("pitstop.IEventArchiveSweepGrain")]
public interface IEventArchiveSweepGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Registers the sweep's reminder (idempotent; the silo calls it at start).</summary>
    [Alias("start")]
    Task StartAsync();

    /// <summary>Removes the events that occurred before the retention reaches back; how many went.</summary>
    [Alias("sweep")]
    Task<long> SweepAsync();
}
