using System.Globalization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.League;
using Pitstop.Grains.Wallets;

using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Staff;

/// <summary>
/// A staff member's rules (program.md: KPI points, the league's month scores, badges, challenges,
/// zero-defect cancellations): given the member's state, one event and the program time, it changes
/// that state and returns everything else as <see cref="MemberEffects"/>. It asks no one:
/// <see cref="StaffGrain"/> asks the budgets, persists, then tells the boards.
/// </summary>
public sealed class StaffDecider(ProgramOptions program, ProgramCalendar calendar, int programVersion)
{
    // Months of scores kept in state: this year's and last year's boards can still be told a score again.
    private const int MonthsKept = 24;

    // How long a quality defect can still cancel a visit's zero-defect points.
    private static readonly TimeSpan ZeroDefectWindow = TimeSpan.FromDays(180);

    // How long a challenge's count stays after the member last counted towards it.
    private static readonly TimeSpan ProgressKept = TimeSpan.FromDays(366);

    private readonly KpiScoring _scoring = new(program.StaffKpi);
    private readonly MonthAchievements _achievements = new(program.League);
    private readonly int _programVersion = programVersion;

    public LeagueCalendar Calendar { get; } = new(calendar);

    /// <summary>
    /// Applies an event not applied before to the member <paramref name="staffId"/>, judged by the
    /// <paramref name="challenges"/> the grain gathered for it.
    /// </summary>
    public MemberDecision Apply(StaffState state, string staffId, DmsEvent e, DateTimeOffset now, ChallengesInForce challenges)
    {
        var turn = new Turn(this, state, staffId, now, challenges);
        return new MemberDecision(turn.Apply(e), turn.Effects);
    }

    /// <summary>
    /// Adds <paramref name="points"/> (negative: takes them) to the member's league score of
    /// <paramref name="month"/>, which its boards are then told.
    /// </summary>
    public static void Score(StaffState state, string month, long points)
    {
        var known = state.MonthScores.TryGetValue(month, out var score);
        state.MonthScores[month] = score + points;
        TellBoards(state, month);
        if (known)
        {
            return;
        }

        // A new month: the oldest beyond the kept ones go, and their boards hear no more of them.
        foreach (var old in state.MonthScores.Keys.Order(StringComparer.Ordinal).SkipLast(MonthsKept).ToList())
        {
            state.MonthScores.Remove(old);
            state.Outbox.Deliveries.RemoveAll(d => d is BoardScoreDelivery board && board.Month == old);
        }
    }

    /// <summary>
    /// Puts the member's latest score of <paramref name="month"/> in the outbox for its boards.
    /// A member without a role is on no board yet: the scores go once an event or the profile names it.
    /// </summary>
    public static void TellBoards(StaffState state, string month)
    {
        if (state.Role is not null && state.MonthScores.TryGetValue(month, out var score))
        {
            state.Outbox.Put(new BoardScoreDelivery(month, score));
        }
    }

    /// <summary>Tells the boards every month's score: the member's role or name, which boards show, changed.</summary>
    public static void TellAllBoards(StaffState state)
    {
        foreach (var month in state.MonthScores.Keys)
        {
            TellBoards(state, month);
        }
    }

    /// <summary>One decision: the state it changes, and the effects it collects.</summary>
    private sealed class Turn(StaffDecider rules, StaffState state, string staffId, DateTimeOffset now, ChallengesInForce challenges)
    {
        private readonly MemberRef _self = new(MemberKind.Staff, staffId);

        public MemberEffects Effects { get; } = new();

        public bool Apply(DmsEvent e)
        {
            var mention = MentionOf(e);
            var changed = false;

            // Staff created on the fly take their role from the field they first appear in and their
            // dealership from the envelope (events.md).
            if (state.Role is null && mention.StaffId is not null)
            {
                state.Role = mention.Role;
                TellAllBoards(state);
                changed = true;
            }

            if (state.DealershipId.Length == 0)
            {
                state.DealershipId = e.DealershipId;
                changed = true;
            }

            if (mention.StaffId is not null && rules._scoring.For(e.Data, mention.Role) is { Points: > 0 } kpi)
            {
                var points = kpi.Points;
                state.KpiPoints = checked(state.KpiPoints + points);
                Score(state, rules.Calendar.MonthFor(e.OccurredAt, now), points);
                var transferId = LedgerIds.EventTransfer(e.Key, _self);
                Effects.Awards.Add(new AwardAsk(transferId, points, LedgerIds.EventCause(e.Key), e.DealershipId, e.OccurredAt, kpi.Explain(rules._programVersion)));
                changed = true;
                if (e.Data is VisitCompleted visit && mention.Role == StaffRole.Technician && rules._scoring.ZeroDefectPart(visit) is > 0 and var zeroDefect)
                {
                    RememberZeroDefect(visit.JobCardId, new ZeroDefectEarned(transferId, zeroDefect, e.DealershipId, e.OccurredAt));
                }
            }

            if (mention.StaffId is not null && Achieve(e, mention.Role))
            {
                changed = true;
            }

            if (e.Data is QualityDefectReported defect && mention.Role == StaffRole.Technician && state.ZeroDefect.Remove(defect.JobCardId, out var earned))
            {
                CancelZeroDefect(e, earned);
                changed = true;
            }

            return changed;
        }

        // How the event names this member (none: a default mention), without a closure per event.
        private StaffMention MentionOf(DmsEvent e)
        {
            foreach (var mention in EventAudience.Staff(e.Data))
            {
                if (mention.StaffId == staffId)
                {
                    return mention;
                }
            }

            return default;
        }

        // Entries past the window are dropped as new ones come, not on every event.
        private void RememberZeroDefect(string jobCardId, ZeroDefectEarned earned)
        {
            // A loop, not a query: a technician's every first-time fix comes here.
            List<string>? stale = null;
            foreach (var (card, remembered) in state.ZeroDefect)
            {
                if (remembered.At < now - ZeroDefectWindow)
                {
                    (stale ??= []).Add(card);
                }
            }

            stale?.ForEach(card => state.ZeroDefect.Remove(card));
            state.ZeroDefect[jobCardId] = earned;
        }

        /// <summary>
        /// Counts what the event does towards the month's badges and the challenges in force for it,
        /// and awards those it reaches: a badge once per month, a challenge once per run.
        /// </summary>
        private bool Achieve(DmsEvent e, StaffRole role)
        {
            var metrics = MonthAchievements.MetricsOf(e.Data, role).ToList();
            if (metrics.Count == 0)
            {
                return false;
            }

            var month = rules.Calendar.MonthFor(e.OccurredAt, now);
            if (!state.Achievements.TryGetValue(month, out var record))
            {
                state.Achievements[month] = record = new LeagueMonthRecord();
                DropEndedMonths();
            }

            foreach (var metric in metrics)
            {
                record.Counts[metric] = record.Counts.GetValueOrDefault(metric) + 1;
            }

            foreach (var badge in rules._achievements.NewBadges(record.Counts, record.Earned))
            {
                record.Earned.Add(MonthAchievements.BadgeKey(badge));
                Notify(NotificationTypes.BadgeEarned, NotificationIds.Badge(badge, month), new() { ["badge"] = badge, ["month"] = month });
            }

            foreach (var challenge in challenges.At(e.DealershipId, e.OccurredAt).Where(c => metrics.Contains(c.Kpi)))
            {
                Count(e, challenge, month, record);
            }

            return true;
        }

        /// <summary>
        /// Counts the event towards one run of a challenge; reaching the target completes it once: its
        /// points are an award through the event dealership's budget that counts in the league, with a
        /// notification. A run without dates starts from the month's count, as monthly challenges
        /// always counted, and knows a completion recorded in the month before runs were kept.
        /// </summary>
        private void Count(DmsEvent e, Challenge challenge, string month, LeagueMonthRecord record)
        {
            var key = ChallengesInForce.ProgressKey(challenge, month);
            if (!state.ChallengeProgress.TryGetValue(key, out var progress))
            {
                DropStaleProgress();
                state.ChallengeProgress[key] = progress = challenge.From is null
                    ? new ChallengeProgress { Count = record.Counts.GetValueOrDefault(challenge.Kpi) - 1, Completed = record.Earned.Contains(MonthAchievements.ChallengeKey(challenge.ChallengeId)) }
                    : new ChallengeProgress();
            }

            progress.Count++;
            progress.LastCounted = now;
            if (progress.Completed || progress.Count < challenge.Target)
            {
                return;
            }

            progress.Completed = true;
            record.Earned.Add(MonthAchievements.ChallengeKey(challenge.ChallengeId));
            var period = ChallengesInForce.PeriodOf(challenge, month);
            if (challenge.Points > 0)
            {
                state.KpiPoints = checked(state.KpiPoints + challenge.Points);
                Score(state, month, challenge.Points);
                Effects.Awards.Add(new AwardAsk(
                    LedgerIds.ChallengeTransfer(challenge.ChallengeId, period, _self), challenge.Points, LedgerIds.ChallengeCause(challenge.ChallengeId, period), e.DealershipId, e.OccurredAt,
                    new EntryExplanation("challenge", new Dictionary<string, string>
                    {
                        ["challengeId"] = challenge.ChallengeId, ["kpi"] = WireNames.Of(challenge.Kpi), ["target"] = challenge.Target.ToString(CultureInfo.InvariantCulture), ["period"] = period,
                    }, rules._programVersion)));
            }

            Notify(NotificationTypes.ChallengeCompleted, NotificationIds.Challenge(challenge.ChallengeId, period), new()
            {
                ["challenge"] = challenge.ChallengeId, ["name"] = challenge.Title, ["month"] = month,
                ["bonus"] = challenge.Points.ToString(CultureInfo.InvariantCulture), ["target"] = challenge.Target.ToString(CultureInfo.InvariantCulture),
            });
        }

        /// <summary>
        /// A month's achievements go once it is over: an event counts in the month it is applied or a
        /// later one (<see cref="LeagueCalendar.MonthFor"/>), and only this month's badges are shown.
        /// </summary>
        private void DropEndedMonths()
        {
            var current = rules.Calendar.MonthOf(now);
            foreach (var ended in state.Achievements.Keys.Where(m => string.CompareOrdinal(m, current) < 0).ToList())
            {
                state.Achievements.Remove(ended);
            }
        }

        // A run's count goes a year after the member last counted towards it, and a monthly run's
        // once its month is over (nothing counts or shows it again), checked as new runs start.
        private void DropStaleProgress()
        {
            var current = rules.Calendar.MonthOf(now);
            foreach (var stale in state.ChallengeProgress.Where(p => p.Value.LastCounted < now - ProgressKept || ChallengesInForce.IsMonthlyRunBefore(p.Key, current)).Select(p => p.Key).ToList())
            {
                state.ChallengeProgress.Remove(stale);
            }
        }

        private void Notify(string type, string key, Dictionary<string, string> data)
        {
            data["staffId"] = staffId;
            Effects.Notifications.Add(new Notification(
                NotificationIds.OfMember(type, staffId, key), type, NotificationTargets.Staff(staffId), now, data,
                DealershipId: state.DealershipId.Length == 0 ? null : state.DealershipId));
        }

        /// <summary>
        /// A quality defect on a job card takes back the zero-defect points its technicians earned on
        /// it: from the league score (in the month applied), the KPI total and the wallet (which may go
        /// negative), given back to the budget that paid them and journalled.
        /// </summary>
        private void CancelZeroDefect(DmsEvent defect, ZeroDefectEarned earned)
        {
            state.KpiPoints = checked(state.KpiPoints - earned.Points);
            Score(state, rules.Calendar.MonthFor(defect.OccurredAt, now), -earned.Points);
            state.Wallet.TakeBack(earned.Points);
            var returnId = LedgerIds.Cancellation(earned.TransferId);
            Effects.Entries.Add(new LedgerEntry(
                returnId, now, EntryKinds.Cancellation, _self.ToString(), Accounts.Budget(earned.DealershipId), earned.Points, earned.DealershipId,
                LedgerIds.EventCause(defect.Key), "zero-defect points cancelled by a quality defect", Reverses: earned.TransferId));
            Effects.Returns.Add(new BudgetReturn(returnId, earned.Points, earned.DealershipId));
        }
    }
}
