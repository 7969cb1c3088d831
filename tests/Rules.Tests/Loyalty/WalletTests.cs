using Pitstop.Grains.Configuration;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Wallets;

namespace Pitstop.Rules.Tests.Loyalty;

public class WalletTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = Day1.AddDays(1);
    private static readonly DateTimeOffset Day3 = Day1.AddDays(2);

    [Fact]
    public void Redemption_takes_the_oldest_lots_first()
    {
        var wallet = new Wallet();
        wallet.Earn(300, Day2);
        wallet.Earn(200, Day1);
        wallet.Earn(400, Day3);

        var taken = wallet.Redeem(450);

        taken.Should().Equal(new Lot(Day1, 200), new Lot(Day2, 250));
        wallet.Lots.Should().Equal(new Lot(Day2, 50), new Lot(Day3, 400));
        wallet.Available.Should().Be(450);
        wallet.Redeemed.Should().Be(450);
    }

    [Fact]
    public void Due_lots_expire_and_the_rest_stay()
    {
        var wallet = new Wallet();
        wallet.Earn(300, Day1);
        wallet.Earn(200, Day1);
        wallet.Earn(100, Day3);

        var expired = wallet.ExpireDue(Day2);

        expired.Should().Equal(new Lot(Day1, 500));
        wallet.Available.Should().Be(100);
        wallet.Expired.Should().Be(500);
        wallet.ExpiringBetween(Day2, Day3).Should().Equal(new Lot(Day3, 100));
    }

    [Fact]
    public void A_take_back_beyond_the_balance_goes_negative_and_later_earnings_pay_the_debt_before_forming_lots()
    {
        var wallet = new Wallet();
        wallet.Earn(500, Day1);
        wallet.Redeem(400);

        wallet.TakeBack(500);

        wallet.Available.Should().Be(-400);
        wallet.Lots.Should().BeEmpty();
        wallet.Earn(600, Day3);
        wallet.Available.Should().Be(200);
        wallet.Lots.Should().Equal(new Lot(Day3, 200));
    }

    [Fact]
    public void A_take_back_removes_the_newest_lots_first()
    {
        var wallet = new Wallet();
        wallet.Earn(300, Day1);
        wallet.Earn(300, Day2);

        wallet.TakeBack(400);

        wallet.Lots.Should().Equal(new Lot(Day1, 200));
        wallet.LifetimeEarned.Should().Be(200);
    }

    [Fact]
    public void A_pending_award_is_not_spendable_until_funded_and_a_dropped_one_never_is()
    {
        var wallet = new Wallet();
        wallet.AddPending("t1", 500, "D-1");
        wallet.AddPending("t2", 300, "D-1");

        wallet.Fund("t1", Day1).Should().BeTrue();
        wallet.DropPending("t2").Should().BeTrue();
        wallet.Fund("t2", Day1).Should().BeFalse();

        wallet.ToBalance().Should().Be(new Pitstop.Grains.Interfaces.Ledger.PointsBalance(500, 0, 500, 0, 0));
    }

    [Fact]
    public void Awards_funded_together_are_credited_once_each_with_their_own_expiry_and_the_rest_stay_pending()
    {
        var wallet = new Wallet();
        for (var i = 0; i < 5_000; i++)
        {
            wallet.AddPending($"t{i}", 10, "D-1");
        }

        // Every even award, one of them twice, and one that was never pending.
        var asked = Enumerable.Range(0, 2_500).Select(i => ($"t{i * 2}", i < 1_000 ? Day2 : Day3)).Append(("t0", Day2)).Append(("never", Day2)).ToList();
        var funded = wallet.Fund(asked);

        funded.Should().Equal(Enumerable.Range(0, 2_500).Select(i => $"t{i * 2}"), "each pending award once, in the order asked");
        wallet.ToBalance().Should().Be(new Pitstop.Grains.Interfaces.Ledger.PointsBalance(25_000, 25_000, 25_000, 0, 0));
        wallet.Lots.Should().Equal(new Lot(Day2, 10_000), new Lot(Day3, 15_000));
        wallet.PendingCredits.Select(c => c.TransferId).Should().Equal(Enumerable.Range(0, 2_500).Select(i => $"t{(i * 2) + 1}"), "the odd ones, still in their order");
        wallet.Fund("t0", Day2).Should().BeFalse("funded already");
    }

    [Fact]
    public void Points_earned_on_a_day_expire_together_at_the_end_of_that_day_two_years_later_in_the_program_time_zone()
    {
        var calendar = new LotCalendar(new ProgramCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), ProgramClock.System), 24);

        // 23:00 UTC on 9 Jan is 04:30 on 10 Jan in Kolkata.
        var morning = calendar.ExpiryOf(new DateTimeOffset(2026, 1, 9, 23, 0, 0, TimeSpan.Zero));
        var evening = calendar.ExpiryOf(new DateTimeOffset(2026, 1, 10, 18, 0, 0, TimeSpan.Zero));

        morning.Should().Be(new DateTimeOffset(2028, 1, 11, 0, 0, 0, TimeSpan.FromHours(5.5)));
        evening.Should().Be(morning);
    }

    [Fact]
    public void A_refund_to_a_wallet_in_debt_pays_the_debt_first_from_the_oldest_lots()
    {
        var wallet = new Wallet();
        wallet.Earn(300, Day1);
        wallet.Earn(300, Day2);
        var taken = wallet.Redeem(600);
        wallet.Earn(100, Day3);
        wallet.TakeBack(500);

        wallet.Refund(taken);

        wallet.Available.Should().Be(200);
        wallet.Lots.Should().Equal(new Lot(Day2, 200));
    }

    [Fact]
    public void Earning_past_the_largest_balance_throws_rather_than_wrapping_negative()
    {
        var wallet = new Wallet();
        wallet.Earn(long.MaxValue, Day1);

        var act = () => wallet.Earn(1, Day2);

        act.Should().Throw<OverflowException>();
    }
}
