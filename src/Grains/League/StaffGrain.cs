using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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

namespace Pitstop.Grains.League;

/// <summary>
/// A staff member: their wallet, KPI points, league scores, badges and challenges. Every change is
/// made in one written order — decide (<see cref="StaffDecider"/>), ask the budgets, persist once,
/// dispatch (the boards first, then the journal and the feed).
/// </summary>
public sealed class StaffGrain : Grain, IStaffGrain
{
    private readonly IPersistentState<StaffState> _state;
    private readonly StreamEvents<StaffState> _events;
    private readonly MemberWallet _wallet;
    private readonly AfterWriteDispatch _dispatch;
    private readonly StaffDecider _decider;
    private readonly ProgramClock _clock;

    public StaffGrain(
        [PersistentState("staff", StorageNames.Grains)] IPersistentState<StaffState> state,
        IOptions<ProgramOptions> program,
        MemberServices services,
        ILogger<StaffGrain> logger)
    {
        _state = state;
        _clock = services.Clock;
        _events = new(state, this, services.Clock);
        _wallet = new(Self, () => state.State, GrainFactory, services);
        _dispatch = new(logger, this);
        _decider = new(program.Value, services.Calendar);
    }

    private StaffState State => _state.State;

    private string StaffId => this.GetPrimaryKeyString();

    private MemberRef Self => new(MemberKind.Staff, StaffId);

    private DateTimeOffset Now => _clock.GetUtcNow();

    private LeagueCalendar Calendar => _decider.Calendar;

    private string? HomeDealershipId => State.DealershipId.Length == 0 ? null : State.DealershipId;

    // What a crash left between this member's write and its dispatch.
    public override Task OnActivateAsync(CancellationToken cancellationToken) => DispatchAsync();

    public async Task ApplyAsync(Immutable<IReadOnlyList<DmsEvent>> events)
    {
        var changed = false;
        await _events.OrReloadAsync(async () =>
        {
            changed = _events.Decide(events.Value, Decide);
            if (changed)
            {
                _wallet.ExpireDue();
                await AskAsync();
            }
        });
        if (changed)
        {
            await _events.WriteAsync();
            await DispatchAsync();
        }
    }

    public Task ProbeAsync(Immutable<IReadOnlyList<DmsEvent>> events) => _events.ProbeAsync(() =>
    {
        _events.Decide(events.Value, Decide);
        return Task.CompletedTask;
    });

    private bool Decide(DmsEvent e)
    {
        var decision = _decider.Apply(State, StaffId, e, Now);
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
        await _events.WriteAsync();
        await DispatchAsync();
    }

    /// <summary>
    /// After the write: the boards first (not waited on) — the journal and the feed, two more
    /// group-commit rounds under load, are nothing the league waits for.
    /// </summary>
    private Task DispatchAsync()
    {
        TellBoards();
        return _wallet.SendRecordsAsync();
    }

    // A reversed award leaves the KPI total and this month's league score.
    private void Uncount(long points)
    {
        State.KpiPoints = checked(State.KpiPoints - points);
        StaffDecider.Score(State, Calendar.MonthOf(Now), -points);
    }

    public Task<StaffView?> GetAsync() => Task.FromResult(
        _events.Exists && State.Role is { } role
            ? new StaffView(
                StaffId, role, State.DealershipId, State.Wallet.ToBalance(), State.KpiPoints, State.EventsApplied,
                State.MonthScores.GetValueOrDefault(Calendar.MonthOf(Now)),
                MonthAchievements.BadgesOf(ThisMonthsEarned()), State.Name, MonthAchievements.ChallengesOf(ThisMonthsEarned()),
                State.Designation)
            : null);

    public async Task<StaffView> SetProfileAsync(StaffProfile profile)
    {
        var renamed = State.Name != profile.Name;
        State.Name = profile.Name;
        State.Designation = profile.Designation;
        State.Role = profile.Role;
        if (State.DealershipId != profile.DealershipId)
        {
            State.DealershipId = profile.DealershipId;
            State.DealershipState = null;
        }

        // The boards of this month show the new name with the member's next round.
        if (renamed && State.MonthScores.ContainsKey(Calendar.MonthOf(Now)))
        {
            State.BoardsBehind.Add(Calendar.MonthOf(Now));
        }

        await SaveAsync();
        return (await GetAsync())!;
    }

    public async Task<SpotAward?> ReceiveSpotAwardAsync(string awardId, long points, string reason)
    {
        if (State.SpotAwards.TryGetValue(awardId, out var received))
        {
            return received;
        }

        if (!_events.Exists || State.Role is null)
        {
            return null;
        }

        // Drawn on the member's own dealership budget, like their KPI points; a spot award counts
        // in the month it is given.
        var outcome = await _wallet.AwardAsync(new AwardRequest(LedgerIds.SpotTransfer(awardId, Self), Self, points, LedgerIds.SpotCause(awardId)), State.DealershipId);
        var month = Calendar.MonthOf(Now);
        State.KpiPoints = checked(State.KpiPoints + points);
        StaffDecider.Score(State, month, points);
        received = new SpotAward(awardId, StaffId, points, reason, month, Now, outcome.Funded);
        State.SpotAwards[awardId] = received;
        await SaveAsync();
        return received;
    }

    // Badge and challenge ids reached this month, in id order.
    private HashSet<string> ThisMonthsEarned() =>
        State.Achievements.TryGetValue(Calendar.MonthOf(Now), out var record) ? record.Earned : [];


    /// <summary>
    /// Gives the member's leaderboards the month scores they lack, after the write that holds them
    /// (<see cref="AfterWriteDispatch"/>): applying events never waits on the league. Scores are
    /// absolute, so the latest is the one to send; a month leaves <see cref="StaffState.BoardsBehind"/>
    /// only if its score did not change while it was sent, and then goes again.
    /// </summary>
    private void TellBoards()
    {
        if (State.Role is not { } role)
        {
            return;
        }

        _dispatch.Send(
            "leaderboards", [.. State.BoardsBehind.Select(month => (Month: month, Score: State.MonthScores.GetValueOrDefault(month)))],
            scores => SetScoresAsync(role, scores),
            sent =>
            {
                foreach (var (month, score) in sent.Where(s => State.MonthScores.GetValueOrDefault(s.Month) == s.Score))
                {
                    State.BoardsBehind.Remove(month);
                }

                TellBoards();
            });
    }

    private async Task SetScoresAsync(StaffRole role, IReadOnlyList<(string Month, long Score)> scores)
    {
        State.DealershipState ??= (await GrainFactory.Reference<IDealershipGrain>(State.DealershipId).GetAsync())?.Profile.State;
        await Task.WhenAll(scores.SelectMany(s => LeaderboardKey.ScopesOf(State.DealershipId, State.DealershipState).Select(scope =>
            GrainFactory.Reference<ILeaderboardGrain>(LeaderboardKey.Of(role, s.Month, scope)).SetAsync([new LeagueScore(StaffId, s.Score, State.DealershipId, State.Name)]))));
    }

    public async Task AwardsFundedAsync(IReadOnlyList<FundedAward> awards)
    {
        if (_wallet.Fund(awards).Count > 0)
        {
            await SaveAsync();
        }
    }

    public async Task ReverseAwardsAsync(IReadOnlyList<AwardReversal> reversals)
    {
        if (_wallet.Reverse(reversals, _events.HasApplied) is not { } uncount)
        {
            return;
        }

        foreach (var reversal in uncount)
        {
            Uncount(reversal.Points);
        }

        await SaveAsync();
    }

    public async Task ExpireDueAsync()
    {
        if (_wallet.ExpireDue())
        {
            await SaveAsync();
        }
    }

    // Staff have no tier: catalog items with a minimum tier are not theirs.
    public Task<RedemptionOutcome> RedeemAsync(string idempotencyKey, string itemId, int quantity) =>
        _wallet.RedeemAsync(idempotencyKey, itemId, quantity, tier: null, HomeDealershipId, SaveAsync);

    public Task<RedemptionView?> SettleRedemptionAsync(string redemptionId, RedemptionStatus to) =>
        _wallet.SettleRedemptionAsync(redemptionId, to, HomeDealershipId, SaveAsync);

    public Task<IReadOnlyList<RedemptionView>> RedemptionsAsync() => Task.FromResult(_wallet.Redemptions());
}
