using Orleans.Streams;
using Orleans.Streams.Core;
using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Workshop;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Recovery;
using Pitstop.Grains.Workshop;
using Microsoft.Extensions.Options;

namespace Pitstop.Grains.Intake;

/// <summary>
/// Consumes a dealership's event stream. Each delivered batch is split by the grains its events
/// concern (<see cref="EventAudience"/>, <see cref="RecoveryRules.IncidentsOf"/>): every customer, staff member, incident, month of the
/// dealership (which then hands the dealership its counts) and its job-card watch gets one call
/// carrying its events in order, all calls at once. The stream message is acknowledged when
/// this returns, i.e. after every grain has persisted its share; a failure makes the stream retry
/// the whole batch, which the grains' idempotency turns into the missing part only.
/// </summary>
[ImplicitStreamSubscription(EventStreams.Dealerships)]
public sealed class EventRouterGrain : Grain, IEventRouterGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<DmsEvent>
{
    private readonly RecoveryRules _recovery;

    public EventRouterGrain(IOptions<ProgramOptions> program)
    {
        _recovery = new(program.Value.Recovery);
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<DmsEvent>().ResumeAsync(this);

    /// <summary>
    /// Events handed out together. A delivery can hold hundreds of queue messages; its chunks go
    /// out one after another, so that a failure stops the delivery where it failed. Then the
    /// stream's retry re-asks a budget for the awards of one chunk at most, which its window of
    /// recent transfers (<see cref="Ledger.RecentTransfers.Capacity"/>) must cover: 500 events of
    /// up to 16 awards each.
    /// </summary>
    public const int EventsPerChunk = 500;

    public async Task OnNextAsync(IList<SequentialItem<DmsEvent>> items)
    {
        foreach (var chunk in items.Select(i => i.Item).Chunk(EventsPerChunk))
        {
            await DeliverAsync([.. chunk]);
        }
    }

    private async Task DeliverAsync(List<DmsEvent> events)
    {
        var calls = new List<Task> { CountAsync(events) };
        calls.AddRange(Share(events, EventAudience.Customers).Select(g => GrainFactory.Reference<ICustomerGrain>(g.Key).ApplyAsync(g.Value.AsImmutable<IReadOnlyList<DmsEvent>>())));
        calls.AddRange(Share(events, e => EventAudience.Staff(e).Select(m => m.StaffId)).Select(g => GrainFactory.Reference<IStaffGrain>(g.Key).ApplyAsync(g.Value.AsImmutable<IReadOnlyList<DmsEvent>>())));
        // The dealership's job-card watch: the cards it opens and closes.
        var visits = events.Where(e => JobCardSlaRules.Watches(e.Data)).ToList();
        if (visits.Count > 0)
        {
            calls.Add(GrainFactory.Reference<IJobCardWatchGrain>(this.GetPrimaryKeyString()).ApplyAsync(visits.AsImmutable<IReadOnlyList<DmsEvent>>()));
        }

        // A reversal concerns whoever its original event paid: the budget that paid them knows.
        calls.AddRange(events.Where(e => e.Data is TransactionReversed).Select(e =>
        {
            var reversal = (TransactionReversed)e.Data;
            return GrainFactory.Reference<IBudgetGrain>(e.DealershipId).ReverseAsync(new EventKey(reversal.OriginalSource, reversal.OriginalId));
        }));
        await Task.WhenAll(calls);

        // Incidents last: each asks its customer whether it repeats an earlier incident, and the
        // customer must have applied this chunk (which links the incidents it opens) to answer the
        // same whatever order the incidents of one chunk ask in.
        var incidents = Share(events, _recovery.IncidentsOf);
        if (incidents.Count > 0)
        {
            await Task.WhenAll(incidents.Select(g => GrainFactory.Reference<IIncidentGrain>(g.Key).ApplyAsync(g.Value.AsImmutable<IReadOnlyList<DmsEvent>>())));
        }
    }

    /// <summary>
    /// The dealership's counts: each month the events occurred in counts those it has not counted
    /// yet, and the dealership takes the months' new totals (absolute, so a retry after a failure
    /// in between hands it the same figures).
    /// </summary>
    private async Task CountAsync(List<DmsEvent> events)
    {
        var dealershipId = this.GetPrimaryKeyString();
        var months = await Task.WhenAll(events.GroupBy(e => DealershipMonths.MonthOf(e.OccurredAt)).Select(async month =>
            (Month: month.Key, Counts: await GrainFactory.Reference<IDealershipMonthGrain>(DealershipMonths.KeyOf(dealershipId, month.Key))
                .ApplyAsync(month.ToList().AsImmutable<IReadOnlyList<DmsEvent>>()))));
        await GrainFactory.Reference<IDealershipGrain>(dealershipId).CountMonthsAsync(months.ToDictionary(m => m.Month, m => m.Counts, StringComparer.Ordinal));
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    // Each member's events, in stream order (the intake sorts a batch by occurredAt).
    private static Dictionary<string, List<DmsEvent>> Share(List<DmsEvent> events, Func<EventData, IEnumerable<string>> members)
    {
        var shares = new Dictionary<string, List<DmsEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            foreach (var member in members(e.Data))
            {
                if (!shares.TryGetValue(member, out var share))
                {
                    shares[member] = share = [];
                }

                share.Add(e);
            }
        }

        return shares;
    }
}
