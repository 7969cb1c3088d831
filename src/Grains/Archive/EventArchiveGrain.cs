using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Archive;

namespace Pitstop.Grains.Archive;

/// <summary>Reads the event archive for the API; any silo can answer.</summary>
[StatelessWorker]
public sealed class EventArchiveGrain(IEventArchive archive) : Grain, IEventArchiveGrain
{
    public Task<IReadOnlyList<ArchivedEvent>> ReadAsync(ArchiveQuery query) => archive.ReadAsync(query);
}
