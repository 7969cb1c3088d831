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

namespace Pitstop.Grains.League;

public sealed class StaffGrain(
    [PersistentState("staff", StorageNames.Grains)] IPersistentState<StaffState> state,
    IOptions<ProgramOptions> program,
    MemberServices services,
    ILogger<StaffGrain> logger)
    : MemberGrain<StaffState>(state, services), IStaffGrain
{
    // Months kept in state: this year's and last year's boards can still be told a score again.
    private const int MonthsKept = 24;

    // How long a quality defect can still cancel a visit's zero-defect points.
    private static readonly TimeSpan ZeroDefectWindow = TimeSpan.FromDays(180);

    private readonly List<(string ReturnId, long Points, string DealershipId)> _returns = [];
    private bool _tellingBoards;

    private readonly KpiScoring _scoring = new(program.Value.StaffKpi);
    private readonly MonthAchievements _achievements = new(program.Value.League);
    private readonly LeagueCalendar _calendar = new(TimeZoneInfo.FindSystemTimeZoneById(program.Value.TimeZone));

    protected override Tier? RedemptionTier => null;

    protected override string? HomeDealershipId => State.DealershipId.Length == 0 ? null : State.DealershipId;

    protected override MemberRef Self => new(MemberKind.Staff, this.GetPrimaryKeyString());

    private string StaffId => this.GetPrimaryKeyString();

    public Task<StaffView?> GetAsync() => Task.FromResult(
        Exists && State.Role is { } role
            ? new StaffView(
                StaffId, role, State.DealershipId, State.Wallet.ToBalance(), State.KpiPoints, State.EventsApplied,
                State.MonthScores.GetValueOrDefault(_calendar.MonthOf(Now)),
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
        if (renamed && State.MonthScores.ContainsKey(_calendar.MonthOf(Now)))
        {
            State.BoardsBehind.Add(_calendar.MonthOf(Now));
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
        var outcome = await AwardDirectlyAsync(new AwardRequest($"spot:{awardId}:{Self}", Self, points, $"spot:{awardId}"), State.DealershipId);
        var month = _calendar.MonthOf(Now);
        State.KpiPoints = checked(State.KpiPoints + points);
        Score(month, points);
        received = new SpotAward(awardId, StaffId, points, reason, month, Now, outcome.Funded);
        State.SpotAwards[awardId] = received;
        await SaveAsync();
        return received;
    }

    // Badge and challenge ids reached this month, in id order.
    private HashSet<string> ThisMonthsEarned() =>
        State.Achievements.TryGetValue(_calendar.MonthOf(Now), out var record) ? record.Earned : [];

    protected override void OnAwardReversed(string transferId, long points)
    {
        State.KpiPoints = checked(State.KpiPoints - points);
        Score(_calendar.MonthOf(Now), -points);
    }

    protected override bool Apply(DmsEvent e)
    {
        var mention = EventAudience.Staff(e.Data).FirstOrDefault(m => m.StaffId == StaffId);
        var changed = false;

        // Staff created on the fly take their role from the field they first appear in and their
        // dealership from the envelope (events.md).
        if (State.Role is null && mention.StaffId is not null)
        {
            State.Role = mention.Role;
            changed = true;
        }

        if (State.DealershipId.Length == 0)
        {
            State.DealershipId = e.DealershipId;
            changed = true;
        }

        if (mention.StaffId is not null && _scoring.For(e.Data, mention.Role) is > 0 and var points)
        {
            State.KpiPoints = checked(State.KpiPoints + points);
            Score(_calendar.MonthFor(e.OccurredAt, Now), points);
            Award(e, points);
            changed = true;
            if (e.Data is VisitCompleted visit && mention.Role == StaffRole.Technician && _scoring.ZeroDefectPart(visit) is > 0 and var zeroDefect)
            {
                RememberZeroDefect(visit.JobCardId, new ZeroDefectEarned(TransferIdOf(e), zeroDefect, e.DealershipId, e.OccurredAt));
            }
        }

        if (mention.StaffId is not null && Achieve(e, mention.Role))
        {
            changed = true;
        }

        if (e.Data is QualityDefectReported defect && mention.Role == StaffRole.Technician && State.ZeroDefect.Remove(defect.JobCardId, out var earned))
        {
            CancelZeroDefect(e, earned);
            changed = true;
        }

        return changed;
    }

    // Entries past the window are dropped as new ones come, not on every event.
    private void RememberZeroDefect(string jobCardId, ZeroDefectEarned earned)
    {
        foreach (var stale in State.ZeroDefect.Where(z => z.Value.At < Now - ZeroDefectWindow).Select(z => z.Key).ToList())
        {
            State.ZeroDefect.Remove(stale);
        }

        State.ZeroDefect[jobCardId] = earned;
    }

    /// <summary>
    /// Counts what the event does towards the month's badges and challenges, and awards those it
    /// reaches: once per month each, with a notification; a challenge's bonus is an award through
    /// the dealership's budget that counts in the league.
    /// </summary>
    private bool Achieve(DmsEvent e, StaffRole role)
    {
        var metrics = MonthAchievements.MetricsOf(e.Data, role).ToList();
        if (metrics.Count == 0)
        {
            return false;
        }

        var month = _calendar.MonthFor(e.OccurredAt, Now);
        if (!State.Achievements.TryGetValue(month, out var record))
        {
            State.Achievements[month] = record = new LeagueMonthRecord();
            foreach (var old in State.Achievements.Keys.Order(StringComparer.Ordinal).SkipLast(MonthsKept).ToList())
            {
                State.Achievements.Remove(old);
            }
        }

        foreach (var metric in metrics)
        {
            record.Counts[metric] = record.Counts.GetValueOrDefault(metric) + 1;
        }

        foreach (var badge in _achievements.NewBadges(record.Counts, record.Earned).ToList())
        {
            record.Earned.Add(MonthAchievements.BadgeKey(badge));
            Notify(NotificationTypes.BadgeEarned, $"{badge}:{month}", new() { ["badge"] = badge, ["month"] = month });
        }

        foreach (var (id, rule) in _achievements.NewChallenges(month, record.Counts, record.Earned).ToList())
        {
            record.Earned.Add(MonthAchievements.ChallengeKey(id));
            if (rule.Bonus > 0)
            {
                State.KpiPoints = checked(State.KpiPoints + rule.Bonus);
                Score(month, rule.Bonus);
                Award($"challenge:{id}:{month}:{Self}", $"challenge:{id}:{month}", rule.Bonus, e.DealershipId);
            }

            Notify(NotificationTypes.ChallengeCompleted, $"{id}:{month}", new()
            {
                ["challenge"] = id, ["name"] = rule.Name, ["month"] = month, ["bonus"] = rule.Bonus.ToString(CultureInfo.InvariantCulture),
            });
        }

        return true;
    }

    private void Notify(string type, string key, Dictionary<string, string> data)
    {
        data["staffId"] = StaffId;
        State.Outbox.Notifications.Add(new Notification($"{type}:{StaffId}:{key}", type, $"staff:{StaffId}", Now, data, DealershipId: HomeDealershipId));
    }

    /// <summary>
    /// A quality defect on a job card takes back the zero-defect points its technicians earned on
    /// it: from the league score (in the month applied), the KPI total and the wallet (which may go
    /// negative), given back to the budget that paid them and journalled.
    /// </summary>
    private void CancelZeroDefect(DmsEvent defect, ZeroDefectEarned earned)
    {
        State.KpiPoints = checked(State.KpiPoints - earned.Points);
        Score(_calendar.MonthFor(defect.OccurredAt, Now), -earned.Points);
        Wallet.TakeBack(earned.Points);
        var returnId = $"cancel:{earned.TransferId}";
        State.Outbox.Entries.Add(new LedgerEntry(
            returnId, Now, EntryKinds.Cancellation, Self.ToString(), Accounts.Budget(earned.DealershipId), earned.Points, earned.DealershipId,
            $"{defect.Source}:{defect.Id}", "zero-defect points cancelled by a quality defect"));
        _returns.Add((returnId, earned.Points, earned.DealershipId));
    }

    // Before the write, like awards: a crash after the budget took the points back replays the
    // defect, and the budget credits a return id once.
    protected override async Task BeforeWriteAsync()
    {
        await base.BeforeWriteAsync();
        var returns = _returns.ToList();
        _returns.Clear();
        await Task.WhenAll(returns.Select(r => GrainFactory.Reference<IBudgetGrain>(r.DealershipId).ReturnAsync(r.ReturnId, r.Points)));
    }

    private void Score(string month, long points)
    {
        var known = State.MonthScores.TryGetValue(month, out var score);
        State.MonthScores[month] = score + points;
        State.BoardsBehind.Add(month);
        if (known)
        {
            return;
        }

        // A new month: the oldest beyond the kept ones go.
        foreach (var old in State.MonthScores.Keys.Order(StringComparer.Ordinal).SkipLast(MonthsKept).ToList())
        {
            State.MonthScores.Remove(old);
            State.BoardsBehind.Remove(old);
        }
    }

    protected override async Task SendOutboxAsync()
    {
        // The boards are told first: the write that holds the scores is done, and the journal and
        // the feed (two more group-commit rounds under load) are nothing the league waits for.
        if (!_tellingBoards && State.BoardsBehind.Count > 0)
        {
            _tellingBoards = true;
            _ = TellBoardsAsync();
        }

        await base.SendOutboxAsync();
    }

    /// <summary>
    /// Gives the member's leaderboards the month scores they lack, after the write that holds them
    /// and outside this grain's turn: applying events never waits on the league. One round at a time
    /// (scores are absolute, so the latest read is the one to send, and rounds never overtake each
    /// other); a month leaves <see cref="StaffState.BoardsBehind"/> only if its score did not change
    /// meanwhile. A board that cannot be reached now is told on the next write or activation.
    /// </summary>
    private async Task TellBoardsAsync()
    {
        try
        {
            while (State.BoardsBehind.Count > 0 && State.Role is { } role)
            {
                State.DealershipState ??= (await GrainFactory.Reference<IDealershipGrain>(State.DealershipId).GetAsync())?.Profile.State;
                foreach (var month in State.BoardsBehind.ToList())
                {
                    var sent = State.MonthScores.GetValueOrDefault(month);
                    var score = new LeagueScore(StaffId, sent, State.DealershipId, State.Name);
                    await Task.WhenAll(LeaderboardKey.ScopesOf(State.DealershipId, State.DealershipState)
                        .Select(scope => GrainFactory.Reference<ILeaderboardGrain>(LeaderboardKey.Of(role, month, scope)).SetAsync([score])));
                    if (State.MonthScores.GetValueOrDefault(month) == sent)
                    {
                        State.BoardsBehind.Remove(month);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Staff member {StaffId} could not update its leaderboards; it will try again", StaffId);
        }
        finally
        {
            _tellingBoards = false;
        }
    }
}
