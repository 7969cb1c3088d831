using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.League;
using Pitstop.Grains.Recovery;
using Pitstop.Grains.Staff;
using Pitstop.Grains.Wallets;

namespace Pitstop.Rules.Tests.StateSizes;

/// <summary>
/// A year of one dealership's traffic applied to the rules of the states written on every delivery:
/// its recovery desk, a month of its loyalty tallies and a busy technician, with ids shaped like
/// the benchmark's.
/// </summary>
internal static class YearOfTraffic
{
    public static readonly DateTimeOffset Start = new(2025, 12, 1, 4, 30, 0, TimeSpan.Zero);

    public static readonly ProgramCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), ProgramClock.System);

    /// <summary>
    /// 10,000 incidents over the year, each closed an hour after opening and recovered an hour after
    /// that (every 500th left unpaid), half with the day-7 call made early, NPS answers before and
    /// after; the desk reviews about once a day. <paramref name="settle"/> moves settled
    /// incidents out, as the desk does; without it the desk keeps all, as it did before.
    /// </summary>
    public static RecoveryDeskState Desk(bool settle)
    {
        var state = new RecoveryDeskState();
        var desk = new RecoveryDesk(state, new RecoveryRules(new RecoveryOptions()));
        var hours = TimeSpan.FromDays(365).TotalHours;
        for (var i = 0; i < 10_000; i++)
        {
            var opened = Start.AddHours(hours * i / 10_000);
            var paid = i % 500 != 0;
            var summary = new IncidentSummary(
                $"delay:JC-DLR-001-{i:D6}", IncidentKind.Delay, IncidentSeverity.Minor, IncidentStatus.Open, $"C-DLR-001-{i:D6}", "DLR-001",
                opened, null, null, 5_000, 7, null, false, []);
            desk.Upsert(summary);
            desk.Upsert(summary = summary with { Status = IncidentStatus.Closed, ClosedAt = opened.AddHours(1) });
            if (paid)
            {
                desk.Upsert(summary = summary with { Status = IncidentStatus.Recovered, DeliveredAt = opened.AddHours(2), NpsAfter = 9 });
                if (i % 2 == 0)
                {
                    desk.Upsert(summary with { FollowUpsCompleted = [7], Expectations = RecoveryExpectations.Met });
                }
            }

            if (i % 24 == 0)
            {
                desk.TakeDue(opened);
                if (settle)
                {
                    desk.TakeSettled();
                }
            }
        }

        return state;
    }

    /// <summary>The keys of a busy month's tallies: upgrades, reviews, redemptions and referral codes of 1,500 customers.</summary>
    public static IEnumerable<LoyaltyTally> MonthOfTallies()
    {
        for (var i = 0; i < 1_500; i++)
        {
            var customer = $"C-DLR-001-{i:D6}";
            var at = Start.AddMinutes(i * 29);
            yield return (i % 3) switch
            {
                0 => new LoyaltyTally($"upgrade:{customer}:{at.UtcTicks}", "DLR-001", "2025-12", LoyaltyTallyKind.TierUpgrade, Tier.Gold),
                1 => new LoyaltyTally($"redemption:{customer}:R-{customer}-{i}", "DLR-001", "2025-12", LoyaltyTallyKind.Redemption, null, RewardCategory.Dining, 2_000),
                _ => new LoyaltyTally($"referral-code:{customer}", "DLR-001", "2025-12", LoyaltyTallyKind.ReferralCodeIssued),
            };
        }
    }

    /// <summary>
    /// A technician's year: three first-time fixes a day (one delivered late), a CSAT 5 a day, a
    /// quality defect every tenth day on a card of five days before; a monthly challenge and a dated
    /// one run; each award is earned into the wallet as a lot, and lots expire.
    /// </summary>
    public static StaffState Technician(StaffDecider decider)
    {
        var state = new StaffState();
        var lots = new LotCalendar(Calendar, 24);
        var challenges = new ChallengesInForce(
        [
            new Challenge("monthly-fixes", "Forty first-time fixes", LeagueMetric.FirstTimeFix, 40, 500, ChallengeScope.National, null, null, null),
            new Challenge("spring-csat", "Sixty fives", LeagueMetric.Csat5, 60, 1_000, ChallengeScope.National, new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31), null),
        ], new Dictionary<string, string?>(), Calendar);
        void Apply(DmsEvent e, DateTimeOffset now)
        {
            foreach (var award in decider.Apply(state, "S-DLR-001-T01", e, now, challenges).Effects.Awards)
            {
                state.Wallet.Earn(award.Points, lots.ExpiryOf(now));
            }
        }

        for (var day = 0; day < 365; day++)
        {
            var morning = Start.AddDays(day);
            state.Wallet.ExpireDue(morning);
            for (var visit = 0; visit < 3; visit++)
            {
                var at = morning.AddHours(visit * 2);
                var jobCard = $"JC-DLR-001-{day:D3}{visit}";
                Apply(new DmsEvent("dms", $"EVT-{day:D3}{visit}-visit", at, "DLR-001", new VisitCompleted(
                    jobCard, $"C-DLR-001-{day:D3}{visit}", $"VIN{day:D3}{visit}", VehicleClass.Mid, VisitKind.Scheduled, "S-DLR-001-A01", ["S-DLR-001-T01"],
                    at.AddMinutes(visit == 2 ? -30 : 30), at, true, false, true, 18_500m)), at.AddMinutes(1));
            }

            var survey = morning.AddHours(7);
            Apply(new DmsEvent("dms", $"EVT-{day:D3}-csat", survey, "DLR-001", new CsatSubmitted(
                $"SV-{day:D3}", $"JC-DLR-001-{day:D3}0", $"C-DLR-001-{day:D3}0", "S-DLR-001-A01", ["S-DLR-001-T01"], 5, true)), survey.AddMinutes(1));
            if (day % 10 == 9)
            {
                var defect = morning.AddHours(8);
                Apply(new DmsEvent("dms", $"EVT-{day:D3}-defect", defect, "DLR-001", new QualityDefectReported(
                    $"JC-DLR-001-{day - 5:D3}1", $"C-DLR-001-{day - 5:D3}1", DefectKind.Electrical, null, ["S-DLR-001-T01"])), defect.AddMinutes(1));
            }
        }

        return state;
    }
}
