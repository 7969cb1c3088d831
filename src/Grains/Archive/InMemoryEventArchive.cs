using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Archive;

/// <summary>The archive of the embedded mode: idempotent and ordered, gone with the process.</summary>
public sealed class InMemoryEventArchive : IEventArchive
{
    private readonly Lock _gate = new();
    private readonly List<ArchivedEvent> _events = [];
    private readonly HashSet<EventKey> _keys = [];
    private long _seq;

    public Task AppendAsync(IReadOnlyList<ArchivedEvent> events)
    {
        lock (_gate)
        {
            foreach (var archived in events)
            {
                if (_keys.Add(archived.Event.Key))
                {
                    _events.Add(archived with { Seq = ++_seq });
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ArchivedEvent>> ReadAsync(ArchiveQuery query)
    {
        lock (_gate)
        {
            IReadOnlyList<ArchivedEvent> page = [.. _events
                .Where(a => a.Seq > query.After && a.Event.OccurredAt >= query.From && a.Event.OccurredAt < query.To)
                .Where(a => query.DealershipId is null || a.Event.DealershipId == query.DealershipId)
                .Take(query.Limit)];
            return Task.FromResult(page);
        }
    }

    public Task<long> TrimAsync(DateTimeOffset occurredBefore)
    {
        lock (_gate)
        {
            var gone = _events.Where(a => a.Event.OccurredAt < occurredBefore).ToList();
            _events.RemoveAll(a => a.Event.OccurredAt < occurredBefore);
            _keys.ExceptWith(gone.Select(a => a.Event.Key));
            return Task.FromResult((long)gone.Count);
        }
    }
}
