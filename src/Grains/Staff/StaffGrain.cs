using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Wallets;
using Pitstop.Grains.League;
using Pitstop.Grains.Versions;

namespace Pitstop.Grains.Staff;

/// <summary>
/// A staff member: their wallet, KPI points, league scores, badges and challenges. Every change is
/// made in one written order — decide (<see cref="StaffDecider"/>), ask the budgets, persist once,
/// dispatch the outbox (the boards first, then the journal and the feed: <see cref="OutboxDispatch"/>).
/// </summary>
public sealed partial class StaffGrain : Grain, IStaffGrain
{
    private readonly IPersistentState<StaffState> _state;
    private readonly StreamEvents<StaffState> _events;
    private readonly MemberWallet _wallet;
    private readonly OutboxDispatch _dispatch;
    private readonly ProgramVersions _versions;
    private readonly ProgramClock _clock;
    private readonly ProgramCalendar _calendar;
    private readonly ChallengeCatalogCopy _challenges;

    public StaffGrain(
        [PersistentState("staff", StorageNames.Grains)] IPersistentState<StaffState> state,
        ProgramVersions versions,
        MemberServices services,
        ChallengeCatalogCopy challenges,
        ILogger<StaffGrain> logger)
    {
        _state = state;
        _clock = services.Clock;
        _calendar = services.Calendar;
        _challenges = challenges;
        _events = new(state, this, services.Clock);
        _wallet = new(Self, () => state.State, new GrainCounterparties(GrainFactory), services.Clock, versions.LotsAsync);
        _dispatch = new(services.Records, logger, this.GetGrainId().ToString(), () => state.State.Outbox, DeliverAsync);
        _versions = versions;
        Calendar = new(services.Calendar);
    }

    private StaffState State => _state.State;

    private string StaffId => this.GetPrimaryKeyString();

    private MemberRef Self => new(MemberKind.Staff, StaffId);

    private DateTimeOffset Now => _clock.GetUtcNow();

    private LeagueCalendar Calendar { get; }

    private string? HomeDealershipId => State.DealershipId.Length == 0 ? null : State.DealershipId;

    // What a crash left between this member's write and its dispatch.
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State.MoveBoardsBehindStoredEarlier();
        return _dispatch.DispatchAsync();
    }

    public Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events) => ApplyAsync(events, null);

    public Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events, string dealershipId, string? dealershipState) =>
        ApplyAsync(events, dealershipState is null ? null : new KeyValuePair<string, string>(dealershipId, dealershipState));

    /// <param name="told">A dealership's state its router told, if any.</param>
    private async Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events, KeyValuePair<string, string>? told)
    {
        var changed = false;
        var challenges = await ChallengesForAsync(events.Value.Select(e => e.DealershipId), told);
        await _versions.CoverAsync(events.Value);
        await _events.OrReloadAsync(async () =>
        {
            changed = _events.Decide(events.Value, e => Decide(e, challenges));
            if (changed)
            {
                // Stored with this write, the boards' delivery need not ask the dealership.
                if (told is { } dealership && dealership.Key == State.DealershipId)
                {
                    State.DealershipState ??= dealership.Value;
                }

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
        var challenges = await ChallengesForAsync(events.Value.Select(e => e.DealershipId), null);
        await _versions.CoverAsync(events.Value);
        await _events.ProbeAsync(() =>
        {
            _events.Decide(events.Value, e => Decide(e, challenges));
            return Task.CompletedTask;
        });
    }

    private bool Decide(DmsEvent e, ChallengesInForce challenges)
    {
        // Judged by the program in force when the event occurred, for its dealership (a pilot's scope).
        var decision = _versions.At(e.OccurredAt, e.DealershipId).Staff.Apply(State, StaffId, e, Now, challenges);
        _wallet.Take(decision.Effects);
        return decision.Changed;
    }

    /// <summary>Gives back what was taken and asks for what was earned, before the write; an award refused as reversed is un-counted.</summary>
    private async Task AskAsync()
    {
        foreach (var refused in await _wallet.AskBudgetsAsync())
        {
            Uncount(refused.Points);
        }
    }

    /// <summary>Persists a change made outside an event batch (a profile, a spot award, a redemption): ask, write, dispatch.</summary>
    private async Task SaveAsync()
    {
        await _events.OrReloadAsync(AskAsync);
        await _dispatch.WriteThenSendAsync(_events.WriteAsync);
    }

    // A reversed award leaves the KPI total and this month's league score.
    private void Uncount(long points)
    {
        State.KpiPoints = checked(State.KpiPoints - points);
        StaffDecider.Score(State, Calendar.MonthOf(Now), -points);
    }
}
