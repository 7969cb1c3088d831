using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Recovery;
using Pitstop.Grains.Versions;
using Pitstop.Grains.Wallets;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// A customer: their wallet, tier and what service recovery remembers of them. Every change is
/// made in one written order — decide (<see cref="CustomerDecider"/>), ask the grains the change
/// depends on (budgets, the census, the review day), persist once, dispatch the outbox (journal
/// and feed, then incident notices: <see cref="OutboxDispatch"/>).
/// </summary>
public sealed partial class CustomerGrain : Grain, ICustomerGrain
{
    private readonly IPersistentState<CustomerState> _state;
    private readonly StreamEvents<CustomerState> _events;
    private readonly MemberWallet _wallet;
    private readonly OutboxDispatch _dispatch;
    private readonly ProgramVersions _versions;
    private readonly ProgramCalendar _calendar;
    private readonly RecoveryRules _recovery;
    private readonly ProgramClock _clock;

    public CustomerGrain(
        [PersistentState("customer", StorageNames.Grains)] IPersistentState<CustomerState> state,
        IOptions<ProgramOptions> program,
        ProgramVersions versions,
        MemberServices services,
        ILogger<CustomerGrain> logger)
    {
        _state = state;
        _clock = services.Clock;
        _calendar = services.Calendar;
        _events = new(state, this, services.Clock);
        _wallet = new(Self, () => state.State, new GrainCounterparties(GrainFactory), services.Clock, versions.LotsAsync);
        _dispatch = new(services.Records, logger, this.GetGrainId().ToString(), () => state.State.Outbox, DeliverAsync);
        _versions = versions;
        // The repeat window is a deployment setting, not a version's (decisions.md, program versions).
        _recovery = new(program.Value.Recovery);
    }

    private CustomerState State => _state.State;

    private string CustomerId => this.GetPrimaryKeyString();

    private MemberRef Self => new(MemberKind.Customer, CustomerId);

    private DateTimeOffset Now => _clock.GetUtcNow();

    private string? HomeDealershipId => State.HomeDealershipId.Length == 0 ? null : State.HomeDealershipId;

    // What a crash left between this customer's write and its dispatch.
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State.Incidents.MoveNoticesStoredEarlier(State.Outbox);
        return _dispatch.DispatchAsync();
    }

    public async Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        var changed = false;
        await _versions.CoverAsync(events.Value);
        await _events.OrReloadAsync(async () =>
        {
            var referrals = await AskReferralsAsync(events.Value);
            changed = _events.Decide(events.Value, e => Take(Decide(e, referrals)));
            if (changed)
            {
                _wallet.ExpireDue();
                await AskAsync();
            }
        });
        if (changed)
        {
            await _dispatch.WriteThenSendAsync(_events.WriteAsync);
        }
    }

    public async Task ProbeAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        await _versions.CoverAsync(events.Value);
        await _events.ProbeAsync(async () =>
        {
            var referrals = await AskReferralsAsync(events.Value);
            _events.Decide(events.Value, e => Take(Decide(e, referrals)));
        });
    }

    // Judged by the program in force when the event occurred, for its dealership (a pilot's scope):
    // a late event by the rules of its day.
    private MemberDecision Decide(DmsEvent e, Dictionary<EventKey, ReferralClaim> referrals) =>
        _versions.At(e.OccurredAt, e.DealershipId).Customer.Apply(State, CustomerId, e, referrals.GetValueOrDefault(e.Key), Now);

    /// <summary>The program in force now for this customer (their home dealership's scope): views and scheduled work.</summary>
    private Task<ProgramInForce> ProgramNowAsync() => _versions.NowAsync(HomeDealershipId);

    /// <summary>What the referees' referrals answer about the conversions not applied yet (the router claimed them in stream order).</summary>
    private async Task<Dictionary<EventKey, ReferralClaim>> AskReferralsAsync(IReadOnlyList<DmsEvent> events)
    {
        var claims = new Dictionary<EventKey, ReferralClaim>();
        foreach (var e in events.Where(e => e.Data is ReferralConverted && !_events.HasApplied(e)))
        {
            var conversion = (ReferralConverted)e.Data;
            claims[e.Key] = await GrainFactory.Reference<IReferralGrain>(conversion.RefereeCustomerId).ClaimAsync(LedgerIds.EventCause(e.Key), conversion.ReferrerCustomerId);
        }

        return claims;
    }

    private bool Take(MemberDecision decision)
    {
        _wallet.Take(decision.Effects);
        return decision.Changed;
    }

    /// <summary>
    /// What other grains must hold before this customer's state does: the budgets its awards, the
    /// census its tier, the review day its enrolment. Told first, a crash between leaves the other
    /// grain ahead (each takes a repeat once), never behind: a Gold customer stored but not
    /// enrolled would miss its review unless activated before its day.
    /// </summary>
    private async Task AskAsync()
    {
        foreach (var refused in await _wallet.AskBudgetsAsync())
        {
            Uncount(refused.TransferId);
        }

        await CountInCensusAsync();
        await EnrolForReviewAsync();
    }

    /// <summary>Persists a change made outside an event batch (a redemption, a profile, a review): ask, write, dispatch.</summary>
    private async Task SaveAsync()
    {
        await _events.OrReloadAsync(AskAsync);
        await _dispatch.WriteThenSendAsync(_events.WriteAsync);
    }

    // A reversed earning stops counting towards the points tier, a reversed contract towards the
    // vehicle tier; the tier itself waits for the review, like any downgrade (decisions).
    private void Uncount(string transferId)
    {
        State.Qualifying.Remove(transferId);
        State.Contracts.Reverse(transferId);
    }

    public async Task IssueReferralCodeAsync()
    {
        if (_events.Exists && Take((await ProgramNowAsync()).Customer.IssueReferralCode(State, CustomerId, Now)))
        {
            await SaveAsync();
        }
    }

    /// <summary>
    /// Hands one target its deliveries (<see cref="OutboxDispatch"/>): an incident its notices, a
    /// dealership month its loyalty tallies. Deliveries to one target are all of one kind.
    /// </summary>
    private Task DeliverAsync(string target, IReadOnlyList<Delivery> deliveries) => deliveries[0] switch
    {
        LoyaltyTallyDelivery first => GrainFactory.Reference<ILoyaltyMonthGrain>(first.Tally.GrainKey)
            .CountAsync([.. deliveries.Cast<LoyaltyTallyDelivery>().Select(d => d.Tally)]),
        IncidentNoticeDelivery => NoticeIncidentAsync(deliveries),
        var other => throw new InvalidOperationException($"a customer has no {other.GetType().Name} to deliver"),
    };

    public async Task<CustomerProfile> SetProfileAsync(CustomerProfile profile)
    {
        State.Profile = profile;
        await SaveAsync();
        return profile;
    }
}
