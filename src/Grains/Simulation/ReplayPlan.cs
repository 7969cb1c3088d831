using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Recovery;

namespace Pitstop.Grains.Simulation;

/// <summary>
/// The order a what-if replay hands archived events out in. Each dealership's events go in the
/// chunks the engine applied them in (a run of its events archived together with one applied time,
/// at most <see cref="EventRouterGrain.EventsPerChunk"/>), one after another as its stream delivered them. A chunk waits
/// only for the earlier chunks (archive order) that concern a grain it concerns too — its
/// dealership's, a customer, a staff member, an incident — so that every such grain applies its
/// events in archive order, while dealerships that share none run side by side.
/// </summary>
/// <remarks>
/// Some events concern a grain they do not name: an incident's resolution pays the customer its
/// opening event named, a reversal takes back what its original event paid. Those grains are
/// remembered from the events that named them (<see cref="ReplayChunk.After"/> then covers them).
/// </remarks>
public sealed class ReplayPlan
{
    private const string IncidentPrefix = "incident/";

    private readonly RecoveryRules _recovery;
    private readonly List<ReplayChunk> _chunks = [];
    private readonly Dictionary<string, int> _lastChunkOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _namedWith = new(StringComparer.Ordinal);
    private readonly Dictionary<EventKey, string[]> _grainsOfEvent = [];

    private ReplayPlan(RecoveryRules recovery) => _recovery = recovery;

    /// <summary>The chunks in archive order; each waits for those listed in its <see cref="ReplayChunk.After"/>.</summary>
    public IReadOnlyList<ReplayChunk> Chunks => _chunks;

    public static ReplayPlan Of(IReadOnlyList<ArchivedEvent> events, RecoveryRules recovery)
    {
        var plan = new ReplayPlan(recovery);
        var start = 0;
        for (var i = 1; i <= events.Count; i++)
        {
            if (i == events.Count || !SameChunk(events[start], events[i]) || i - start == EventRouterGrain.EventsPerChunk)
            {
                plan.Add(events, start, i);
                start = i;
            }
        }

        return plan;
    }

    private static bool SameChunk(ArchivedEvent first, ArchivedEvent next) =>
        next.AppliedAt == first.AppliedAt && string.Equals(next.Event.DealershipId, first.Event.DealershipId, StringComparison.Ordinal);

    private void Add(IReadOnlyList<ArchivedEvent> events, int start, int end)
    {
        var batch = new List<DmsEvent>(end - start);
        var grains = new HashSet<string>(StringComparer.Ordinal) { Dealership(events[start].Event.DealershipId) };
        for (var i = start; i < end; i++)
        {
            var e = events[i].Event;
            batch.Add(e);
            grains.UnionWith(GrainsOf(e));
        }

        var index = _chunks.Count;
        var after = new SortedSet<int>();
        foreach (var grain in grains)
        {
            if (_lastChunkOf.TryGetValue(grain, out var last))
            {
                after.Add(last);
            }

            _lastChunkOf[grain] = index;
        }

        _chunks.Add(new ReplayChunk(index, events[start].Event.DealershipId, events[start].AppliedAt, batch, [.. after]));
    }

    /// <summary>The grains an event concerns beyond its dealership's: those it names, and those named with them before.</summary>
    private string[] GrainsOf(DmsEvent e)
    {
        var named = EventAudience.Customers(e.Data).Select(Customer)
            .Concat(EventAudience.Staff(e.Data).Select(m => Staff(m.StaffId)))
            .Concat(_recovery.IncidentsOf(e.Data).Select(Incident))
            .ToList();
        var grains = new HashSet<string>(named, StringComparer.Ordinal);
        foreach (var grain in named)
        {
            grains.UnionWith(_namedWith.GetValueOrDefault(grain) ?? []);
        }

        if (e.Data is TransactionReversed reversal && _grainsOfEvent.TryGetValue(new EventKey(reversal.OriginalSource, reversal.OriginalId), out var original))
        {
            grains.UnionWith(original);
        }

        // An incident pays (and a later event of it concerns) the members its events named.
        foreach (var incident in named.Where(g => g.StartsWith(IncidentPrefix, StringComparison.Ordinal)))
        {
            _namedWith[incident] = [.. grains.Where(g => !string.Equals(g, incident, StringComparison.Ordinal))];
        }

        string[] all = [.. grains];
        _grainsOfEvent[e.Key] = all;
        return all;
    }

    private static string Dealership(string id) => $"dealership/{id}";

    private static string Customer(string id) => $"customer/{id}";

    private static string Staff(string id) => $"staff/{id}";

    private static string Incident(string id) => IncidentPrefix + id;
}

/// <summary>
/// One chunk of a <see cref="ReplayPlan"/>: a dealership's events applied together at
/// <paramref name="AppliedAt"/>, after the chunks numbered in <paramref name="After"/>.
/// </summary>
public sealed record ReplayChunk(int Index, string DealershipId, DateTimeOffset AppliedAt, IReadOnlyList<DmsEvent> Events, IReadOnlyList<int> After);
