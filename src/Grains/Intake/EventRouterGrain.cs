using Orleans.Streams;
using Orleans.Streams.Core;
using Orleans.Concurrency;
using Pitstop.Grains.Archive;
using Pitstop.Grains.Interfaces.Archive;
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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pitstop.Grains.Intake;

/// <summary>
/// Consumes a dealership's event stream. Each delivered batch is split by the grains its events
/// concern (<see cref="EventAudience"/>, <see cref="RecoveryRules.IncidentsOf"/>): every customer, staff member, incident, month of the
/// dealership and its job-card watch gets one call carrying its events in order, all calls at once.
/// The dealership itself is called only to list a month new to this activation, and once for its
/// state, which the staff are told with their events. The stream message is acknowledged when
/// this returns, i.e. after every grain has persisted its share; a failure makes the stream retry
/// the whole batch, which the grains' idempotency turns into the missing part only.
/// A chunk that keeps failing for a reason waiting does not cure (<see cref="FailedDeliveries"/>)
/// is taken one event at a time: an event that some grain's rules refuse is moved aside
/// (<see cref="IDeadLettersGrain"/>) before any grain applies it, and the stream moves on.
/// Clients that wait for their events (read-your-writes) learn from here, once a chunk is
/// delivered, what became of them (<see cref="SettlementWatch"/>).
/// Every chunk's applied events are appended to the event archive (<see cref="IEventArchive"/>)
/// before it is acknowledged, with the program time they were applied at. A what-if replay's silo
/// hands its routers archived chunks directly (<see cref="ReplayAsync"/>), applied by the same steps.
/// </summary>
[ImplicitStreamSubscription(EventStreams.Dealerships)]
public sealed partial class EventRouterGrain : Grain, IEventRouterGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<DmsEvent>
{
    private readonly RecoveryRules _recovery;
    private readonly FailedDeliveries _failed;
    private readonly ILogger<EventRouterGrain> _logger;
    private readonly ProgramCalendar _calendar;
    private readonly ProgramClock _clock;
    private readonly IEventArchive _archive;

    // Real time, whatever clock the program runs on: it bounds how long a client's call waits.
    private readonly SettlementWatch _watch = new(TimeProvider.System);

    private static readonly IReadOnlySet<EventKey> NoneMovedAside = new HashSet<EventKey>();

    // The months this activation listed with the dealership (or found listed): a delivery calls the
    // dealership only for a month new to it.
    private readonly HashSet<string> _listedMonths = new(StringComparer.Ordinal);

    // The dealership's profile, asked once an activation, whose state the staff are told.
    private DealershipProfile? _profile;

    public EventRouterGrain(
        IOptions<ProgramOptions> program, IOptions<DeliveryOptions> delivery, ILogger<EventRouterGrain> logger, ProgramCalendar calendar, ProgramClock clock, IEventArchive archive)
    {
        _calendar = calendar;
        _clock = clock;
        _archive = archive;
        _recovery = new(program.Value.Recovery);
        _failed = new(delivery.Value.MaxAttempts);
        _logger = logger;
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
        using var trace = IntakeTracing.StartDelivery(this.GetPrimaryKeyString(), items.Count);
        foreach (var chunk in items.Select(i => i.Item).Chunk(EventsPerChunk))
        {
            await ApplyChunkAsync(chunk);
        }
    }

    public Task ReplayAsync(Immutable<IReadOnlyList<DmsEvent>> chunk) =>
        chunk.Value.Count is > 0 and <= EventsPerChunk
            ? ApplyChunkAsync([.. chunk.Value])
            : throw new ArgumentOutOfRangeException(nameof(chunk), chunk.Value.Count, $"a chunk holds 1 to {EventsPerChunk} events");

    private async Task ApplyChunkAsync(DmsEvent[] chunk)
    {
        var head = chunk[0].Key;
        var appliedAt = _clock.GetUtcNow();
        IReadOnlySet<EventKey> deadLettered;
        try
        {
            if (_failed.MustIsolate(head))
            {
                deadLettered = await DeliverOneByOneAsync(chunk, _failed.FailuresOf(head));
            }
            else
            {
                await DeliverAsync([.. chunk]);
                deadLettered = NoneMovedAside;
            }
        }
        catch (Exception ex)
        {
            _failed.Failed(head, ex);
            LogDeliveryFailed(ex, this.GetPrimaryKeyString(), chunk.Length, head.ToString(), _failed.FailuresOf(head));
            throw;
        }

        _failed.Delivered(head);

        // Outside the failure count: an archive that is down is waited for, never a reason to
        // move an event aside. A retry finds the chunk applied and archives it then.
        await _archive.AppendAsync([.. chunk.Where(e => !deadLettered.Contains(e.Key)).Select(e => new ArchivedEvent(0, e, appliedAt))]);
        _watch.Settled(chunk, deadLettered);
    }

    public Task ExpectAsync(Immutable<IReadOnlyList<EventKey>> keys)
    {
        _watch.Expect(keys.Value);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<EventSettlement>> SettlementAsync(Immutable<IReadOnlyList<EventKey>> keys, TimeSpan wait) =>
        _watch.WaitAsync(keys.Value, wait);

    /// <summary>
    /// The chunk's events in order, each on its own: first every grain's rules are tried on it
    /// (<see cref="IEventConsumer.ProbeAsync"/>), and an event they refuse is moved aside unapplied;
    /// the others are applied. One whose application still fails after its rules took it is moved
    /// aside too, saying so: an administrator's retry completes it, since the grains that applied
    /// it skip it then. A transient failure stops here, and the stream retries later.
    /// </summary>
    /// <returns>The keys of the events moved aside.</returns>
    private async Task<IReadOnlySet<EventKey>> DeliverOneByOneAsync(DmsEvent[] chunk, int attempts)
    {
        var movedAside = new HashSet<EventKey>();
        foreach (var e in chunk)
        {
            var refusal = await ProbeAsync([e]);
            if (refusal is null)
            {
                try
                {
                    await DeliverAsync([e]);
                    continue;
                }
                catch (Exception ex) when (!DeliveryFailures.IsTransient(ex))
                {
                    refusal = $"{Describe(ex)} (its rules accepted it; some of its grains may have applied it, and a retry completes it)";
                }
            }

            await GrainFactory.Reference<IDeadLettersGrain>(IDeadLettersGrain.Key).PutAsync(e, refusal, attempts);
            LogDeadLettered(this.GetPrimaryKeyString(), e.Key.ToString(), refusal);
            movedAside.Add(e.Key);
        }

        return movedAside;
    }

    /// <summary>What the rules of the event's grains say to it: null when all take it, else the first refusal.</summary>
    private async Task<string?> ProbeAsync(List<DmsEvent> events)
    {
        try
        {
            await Task.WhenAll(Consumers(events).Concat(Incidents(events)).Select(c => c.Grain.ProbeAsync(c.Events.AsImmutable<IReadOnlyList<DmsEvent>>())));
            return null;
        }
        catch (Exception ex) when (!DeliveryFailures.IsTransient(ex))
        {
            return Describe(ex);
        }
    }

    private static string Describe(Exception failure)
    {
        var cause = failure.GetBaseException();
        var text = $"{cause.GetType().Name}: {cause.Message}";
        return text.Length <= 500 ? text : text[..500];
    }

    private async Task DeliverAsync(List<DmsEvent> events)
    {
        await DecideReferralsAsync(events);
        var dealershipId = this.GetPrimaryKeyString();
        var dealershipState = (_profile ??= await GrainFactory.Reference<IDealershipGrain>(dealershipId).ProfileAsync())?.State;
        var calls = new List<Task> { CountAsync(events) };
        calls.AddRange(Consumers(events).Select(c => c.Grain is IStaffGrain staff
            ? staff.ApplyAsync(c.Events.AsImmutable<IReadOnlyList<DmsEvent>>(), dealershipId, dealershipState)
            : c.Grain.ApplyAsync(c.Events.AsImmutable<IReadOnlyList<DmsEvent>>())));

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
        await Task.WhenAll(Incidents(events).Select(c => c.Grain.ApplyAsync(c.Events.AsImmutable<IReadOnlyList<DmsEvent>>())));
    }

    /// <summary>The customers, staff members and the dealership's job-card watch the events concern, each with its share.</summary>
    private IEnumerable<(IEventConsumer Grain, List<DmsEvent> Events)> Consumers(List<DmsEvent> events)
    {
        foreach (var (customerId, share) in Share(events, EventAudience.Customers))
        {
            yield return (GrainFactory.Reference<ICustomerGrain>(customerId), share);
        }

        foreach (var (staffId, share) in Share(events, e => EventAudience.Staff(e).Select(m => m.StaffId)))
        {
            yield return (GrainFactory.Reference<IStaffGrain>(staffId), share);
        }

        // The dealership's job-card watch: the cards it opens and closes.
        var visits = events.Where(e => JobCardSlaRules.Watches(e.Data)).ToList();
        if (visits.Count > 0)
        {
            yield return (GrainFactory.Reference<IJobCardWatchGrain>(this.GetPrimaryKeyString()), visits);
        }
    }

    /// <summary>
    /// A referee is rewarded for their first conversion in stream order: the chunk's conversions
    /// claim their referees here, one after another, before any customer applies them. The
    /// customers then read the decision (a claim made twice answers the same); left to them, the
    /// first customer grain to reach the referral would win, whichever event it was applying.
    /// Referees of different dealerships' streams go to the first conversion applied.
    /// </summary>
    private Task DecideReferralsAsync(List<DmsEvent> events) => Task.WhenAll(events
        .Where(e => e.Data is ReferralConverted)
        .GroupBy(e => ((ReferralConverted)e.Data).RefereeCustomerId, StringComparer.Ordinal)
        .Select(async conversions =>
        {
            var referral = GrainFactory.Reference<IReferralGrain>(conversions.Key);
            foreach (var e in conversions)
            {
                await referral.ClaimAsync(e.Key.ToString(), ((ReferralConverted)e.Data).ReferrerCustomerId);
            }
        }));

    private IEnumerable<(IEventConsumer Grain, List<DmsEvent> Events)> Incidents(List<DmsEvent> events) =>
        Share(events, _recovery.IncidentsOf).Select(g => ((IEventConsumer)GrainFactory.Reference<IIncidentGrain>(g.Key), g.Value));
    /// <summary>
    /// The dealership's counts: each month the events occurred in counts those it has not counted
    /// yet. A month is listed with the dealership, which sums its months when read, before it
    /// counts anything: a failure in between leaves a month listed that counts nothing yet, never
    /// one counting unlisted.
    /// </summary>
    private async Task CountAsync(List<DmsEvent> events)
    {
        var dealershipId = this.GetPrimaryKeyString();
        var months = new Dictionary<string, List<DmsEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var month = _calendar.MonthOf(e.OccurredAt);
            if (!months.TryGetValue(month, out var share))
            {
                months[month] = share = [];
            }

            share.Add(e);
        }

        var unlisted = months.Keys.Where(m => !_listedMonths.Contains(m)).ToList();
        if (unlisted.Count > 0)
        {
            await GrainFactory.Reference<IDealershipGrain>(dealershipId).ListMonthsAsync(unlisted);
            _listedMonths.UnionWith(unlisted);
        }

        await Task.WhenAll(months.Select(month => GrainFactory.Reference<IDealershipMonthGrain>(DealershipMonths.KeyOf(dealershipId, month.Key))
            .ApplyAsync(month.Value.AsImmutable<IReadOnlyList<DmsEvent>>())));
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Delivery to dealership {DealershipId} failed ({Events} events from {Head}, failure {Failures} in a row); the stream retries")]
    private partial void LogDeliveryFailed(Exception ex, string dealershipId, int events, string head, int failures);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Event {EventKey} of dealership {DealershipId} moved aside (dead-lettered): {Error}")]
    private partial void LogDeadLettered(string dealershipId, string eventKey, string error);

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
