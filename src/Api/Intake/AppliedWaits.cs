using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// Read-your-writes for the intake: the dealerships' routers are told which events a client will
/// wait for before they are published (<see cref="ExpectAsync"/>), and asked after publishing what
/// became of them (<see cref="WaitAsync"/>). The knowledge lives in the routers, so any API node
/// can ask, in either mode.
/// </summary>
public sealed class AppliedWaits(IGrainFactory grains, IOptions<IntakeWaitOptions> options)
{
    public Task ExpectAsync(IReadOnlyList<DmsEvent> events) =>
        Task.WhenAll(ByDealership(events, e => e).Select(g => Router(g.Key).ExpectAsync(g.Keys.AsImmutable())));

    /// <summary>
    /// Waits, at most <see cref="IntakeWaitOptions.MaxApplyWait"/>, until the routers hold none of
    /// the events pending, and says what became of each: <paramref name="accepted"/> were expected
    /// by this request, <paramref name="duplicates"/> by whichever request accepted them, if it waited.
    /// </summary>
    public async Task<IntakeAnswer> WaitAsync(
        IntakeAnswer answer, IReadOnlyList<(int Index, DmsEvent Event)> accepted, IReadOnlyList<(int Index, DmsEvent Event)> duplicates, CancellationToken cancellation)
    {
        var events = accepted.Concat(duplicates).ToList();
        var wait = options.Value.MaxApplyWait;
        var answers = await Task.WhenAll(ByDealership(events, e => e.Event).Select(async g =>
            (g.Events, Settlements: await Router(g.Key).SettlementAsync(g.Keys.AsImmutable(), wait))))
            .WaitAsync(cancellation);

        var outcomes = answers
            .SelectMany(a => a.Events.Zip(a.Settlements, (e, s) => (Event: new EventRef(e.Index, e.Event.Id), Settlement: s)))
            .OrderBy(o => o.Event.Index)
            .ToList();
        return answer with
        {
            Applied = outcomes.All(o => o.Settlement == EventSettlement.Applied),
            Pending = Of(outcomes, EventSettlement.Pending),
            DeadLettered = Of(outcomes, EventSettlement.DeadLettered),
            Unknown = Of(outcomes, EventSettlement.Unknown),
        };
    }

    // Null when there are none, so that the answer names only what went otherwise than applied.
    private static List<EventRef>? Of(IEnumerable<(EventRef Event, EventSettlement Settlement)> outcomes, EventSettlement settlement)
    {
        var of = outcomes.Where(o => o.Settlement == settlement).Select(o => o.Event).ToList();
        return of.Count > 0 ? of : null;
    }

    private IEventRouterGrain Router(string dealershipId) => grains.Reference<IEventRouterGrain>(dealershipId);

    private static IEnumerable<(string Key, List<T> Events, IReadOnlyList<EventKey> Keys)> ByDealership<T>(IEnumerable<T> events, Func<T, DmsEvent> of) =>
        events.GroupBy(e => of(e).DealershipId, StringComparer.Ordinal)
            .Select(g => (g.Key, g.ToList(), (IReadOnlyList<EventKey>)[.. g.Select(e => of(e).Key)]));
}
