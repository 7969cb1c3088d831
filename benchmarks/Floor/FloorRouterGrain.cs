using Orleans.Concurrency;
using Orleans.Streams;
using Orleans.Streams.Core;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Workshop;

namespace Pitstop.Floor;

/// <summary>
/// In place of the engine's <see cref="Pitstop.Grains.Intake.EventRouterGrain"/>: consumes a
/// dealership's stream with the same subscription and chunking, and fans each chunk out the same
/// way — one call per customer, staff member and the dealership's job-card watch with its share,
/// all at once — to grains that only write an empty state. The dealership's count goes through
/// the engine's own month and dealership grains, exactly as the router counts, because that is
/// where the load driver sees events applied. Left out, being rare: referral claims, reversals'
/// budget calls and incidents.
/// </summary>
[ImplicitStreamSubscription(EventStreams.Dealerships)]
public sealed class FloorRouterGrain(ProgramCalendar calendar) : Grain, IFloorRouterGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<DmsEvent>
{
    // The router's chunk (EventRouterGrain.EventsPerChunk).
    private const int EventsPerChunk = Pitstop.Grains.Intake.EventRouterGrain.EventsPerChunk;

    private readonly HashSet<string> _listedMonths = new(StringComparer.Ordinal);

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<DmsEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<DmsEvent>> items)
    {
        foreach (var chunk in items.Select(i => i.Item).Chunk(EventsPerChunk))
        {
            await DeliverAsync([.. chunk]);
        }
    }

    private Task DeliverAsync(List<DmsEvent> events)
    {
        var calls = new List<Task> { CountAsync(events) };
        calls.AddRange(Share(events, e => EventAudience.Customers(e)).Select(s => GrainFactory.GetGrain<IFloorCustomerGrain>(s.Key).ApplyAsync(s.Value.AsImmutable<IReadOnlyList<DmsEvent>>())));
        calls.AddRange(Share(events, e => EventAudience.Staff(e).Select(m => m.StaffId)).Select(s => GrainFactory.GetGrain<IFloorStaffGrain>(s.Key).ApplyAsync(s.Value.AsImmutable<IReadOnlyList<DmsEvent>>())));
        var visits = events.Where(e => JobCardSlaRules.Watches(e.Data)).ToList();
        if (visits.Count > 0)
        {
            calls.Add(GrainFactory.GetGrain<IFloorWatchGrain>(this.GetPrimaryKeyString()).ApplyAsync(visits.AsImmutable<IReadOnlyList<DmsEvent>>()));
        }

        return Task.WhenAll(calls);
    }

    // As EventRouterGrain.CountAsync: the dealership lists a month once per activation, each month's grain counts its events.
    private async Task CountAsync(List<DmsEvent> events)
    {
        var dealershipId = this.GetPrimaryKeyString();
        var months = events.GroupBy(e => calendar.MonthOf(e.OccurredAt)).ToList();
        var unlisted = months.Select(m => m.Key).Where(m => !_listedMonths.Contains(m)).ToList();
        if (unlisted.Count > 0)
        {
            await GrainFactory.GetGrain<IDealershipGrain>(dealershipId).ListMonthsAsync(unlisted);
            _listedMonths.UnionWith(unlisted);
        }

        await Task.WhenAll(months.Select(month => GrainFactory.GetGrain<IDealershipMonthGrain>(DealershipMonths.KeyOf(dealershipId, month.Key))
            .ApplyAsync(month.ToList().AsImmutable<IReadOnlyList<DmsEvent>>())));
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

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
