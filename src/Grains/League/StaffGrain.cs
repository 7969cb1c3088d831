using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Notifications;

namespace Pitstop.Grains.League;

public sealed class StaffGrain(
    [PersistentState("staff", StorageNames.Grains)] IPersistentState<StaffState> state,
    IOptions<ProgramOptions> program,
    MemberServices services,
    ILogger<StaffGrain> logger)
    : MemberGrain<StaffState>(state, services), IStaffGrain
{
    private readonly StaffDecider _decider = new(program.Value, services.Calendar);
    private AfterWriteDispatch? _dispatch;

    private LeagueCalendar Calendar => _decider.Calendar;

    protected override Tier? RedemptionTier => null;

    protected override string? HomeDealershipId => State.DealershipId.Length == 0 ? null : State.DealershipId;

    protected override MemberRef Self => new(MemberKind.Staff, this.GetPrimaryKeyString());

    private string StaffId => this.GetPrimaryKeyString();

    public Task<StaffView?> GetAsync() => Task.FromResult(
        Exists && State.Role is { } role
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

        if (!Exists || State.Role is null)
        {
            return null;
        }

        // Drawn on the member's own dealership budget, like their KPI points; a spot award counts
        // in the month it is given.
        var outcome = await AwardDirectlyAsync(new AwardRequest(LedgerIds.SpotTransfer(awardId, Self), Self, points, LedgerIds.SpotCause(awardId)), State.DealershipId);
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

    protected override void OnAwardReversed(string transferId, long points)
    {
        State.KpiPoints = checked(State.KpiPoints - points);
        StaffDecider.Score(State, Calendar.MonthOf(Now), -points);
    }

    protected override bool Apply(DmsEvent e)
    {
        var decision = _decider.Apply(State, StaffId, e, Now);
        Take(decision.Effects);
        return decision.Changed;
    }

    protected override async Task SendOutboxAsync()
    {
        // The boards are told first: the write that holds the scores is done, and the journal and
        // the feed (two more group-commit rounds under load) are nothing the league waits for.
        TellBoards();
        await base.SendOutboxAsync();
    }

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

        (_dispatch ??= new(logger, this)).Send(
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
}
