using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Ledger;

namespace Pitstop.Rules.Tests.Ledger;

public class BudgetBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly ProgramCalendar Kolkata = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), ProgramClock.System);

    private static BudgetBook Book(long available = 0, BudgetPolicy? policy = null)
    {
        var book = new BudgetBook("DLR-1", new BudgetState { Available = available }, new RecentTransfers(), policy ?? new BudgetPolicy(0, 0, 0), Kolkata);
        book.RollMonth(Now);
        return book;
    }

    private static AwardRequest Award(string id, long points) => new(id, new MemberRef(MemberKind.Customer, "C-" + id), points, "dms:" + id);

    [Fact]
    public void An_award_the_budget_covers_is_funded_and_one_it_cannot_cover_waits()
    {
        var book = Book(available: 700);

        book.Award(Award("a", 500), Now).Funded.Should().BeTrue();
        book.Award(Award("b", 500), Now).Funded.Should().BeFalse();

        book.View(Now).Available.Should().Be(200);
        book.View(Now).PendingAwards.Should().Be(new PendingAwards(1, 500));
    }

    [Fact]
    public void A_replayed_transfer_decided_at_another_figure_moves_nothing_and_answers_what_the_budget_took()
    {
        var book = Book(available: 700);
        book.Award(Award("a", 500), Now).Should().Be(new AwardOutcome("a", Funded: true, Points: 500));
        book.Award(Award("b", 400), Now).Funded.Should().BeFalse();

        // The members lost their writes and, a tier later, decided the same events at other figures.
        book.Award(Award("a", 625), Now).Should().Be(new AwardOutcome("a", Funded: true, Points: 500));
        book.Award(Award("b", 450), Now).Should().Be(new AwardOutcome("b", Funded: false, Points: 400));

        book.View(Now).Available.Should().Be(200);
        book.View(Now).PendingAwards.Should().Be(new PendingAwards(1, 400));
    }

    [Fact]
    public void Awards_wait_in_order_even_when_a_later_one_would_fit()
    {
        var book = Book(available: 300);
        book.Award(Award("big", 500), Now).Funded.Should().BeFalse();

        book.Award(Award("small", 100), Now).Funded.Should().BeFalse("first in, first out: nothing overtakes a waiting award");
        book.View(Now).Available.Should().Be(300);
    }

    [Fact]
    public void Waiting_awards_are_funded_oldest_event_first_whatever_order_they_arrive_in_and_nothing_overtakes_the_oldest()
    {
        var book = Book();
        // One batch, asked by three members at once: the oldest event's award arrives last.
        book.Award(Award("visit", 500) with { OccurredAt = Now.AddMinutes(-20) }, Now);
        book.Award(Award("entry", 10_000) with { OccurredAt = Now.AddMinutes(-10) }, Now);
        book.Award(Award("performance", 40_000) with { OccurredAt = Now.AddMinutes(-30) }, Now);

        book.CompleteTopUp(book.BeginTopUp("key-1", 30_000, "admin", Now), withdrawn: true, Now);
        book.State.FundedToAnnounce.Should().BeEmpty("the oldest award does not fit, and nothing later is funded before it");
        book.View(Now).Available.Should().Be(30_000);

        book.CompleteTopUp(book.BeginTopUp("key-2", 10_500, "admin", Now), withdrawn: true, Now);
        book.State.FundedToAnnounce.Select(a => a.TransferId).Should().Equal("performance", "visit");
        book.State.Pending.Select(a => a.TransferId).Should().Equal("entry");
    }

    [Fact]
    public void An_award_of_an_event_older_than_every_waiting_one_is_funded_at_once_when_it_fits()
    {
        var book = Book(available: 300);
        book.Award(Award("big", 500) with { OccurredAt = Now.AddMinutes(-10) }, Now).Funded.Should().BeFalse();

        book.Award(Award("older", 100) with { OccurredAt = Now.AddMinutes(-20) }, Now).Funded.Should().BeTrue();
        book.Award(Award("later", 100) with { OccurredAt = Now.AddMinutes(-5) }, Now).Funded.Should().BeFalse();

        book.View(Now).Available.Should().Be(200);
        book.State.Pending.Select(a => a.TransferId).Should().Equal("big", "later");
    }

    [Fact]
    public void A_top_up_funds_waiting_awards_oldest_first_and_announces_them()
    {
        var book = Book();
        book.Award(Award("first", 500), Now);
        book.Award(Award("second", 500), Now);
        book.Award(Award("third", 500), Now);

        var topUp = book.BeginTopUp("key-1", 1_200, "admin", Now);
        book.CompleteTopUp(topUp, withdrawn: true, Now);
        book.IsTopUpDone("key-1").Should().BeTrue();

        book.State.FundedToAnnounce.Select(a => a.TransferId).Should().Equal("first", "second");
        book.View(Now).Available.Should().Be(200);
        book.View(Now).PendingAwards.Should().Be(new PendingAwards(1, 500));
        book.Outcome(Award("first", 500)).Funded.Should().BeTrue();
        book.Outcome(Award("third", 500)).Funded.Should().BeFalse();
        book.State.Outbox.Notifications.Select(n => n.Type).Should().Equal(NotificationTypes.BudgetTopUp, NotificationTypes.AwardFunded, NotificationTypes.AwardFunded);
        book.State.Outbox.Entries.Select(e => (e.Kind, e.From, e.To, e.Points)).Should().Equal(
            (EntryKinds.TopUp, Accounts.Pool, "budget:DLR-1", 1_200L),
            (EntryKinds.Award, "budget:DLR-1", "customer:C-first", 500L),
            (EntryKinds.Award, "budget:DLR-1", "customer:C-second", 500L));
    }

    [Fact]
    public void A_repeated_transfer_moves_nothing_and_answers_its_current_outcome()
    {
        var book = Book(available: 500);
        book.Award(Award("a", 500), Now);

        book.Award(Award("a", 500), Now).Funded.Should().BeTrue();

        book.View(Now).Available.Should().Be(0);
        book.View(Now).AwardedTotal.Should().Be(500);
    }

    [Fact]
    public void Auto_top_ups_follow_the_policy_up_to_the_monthly_cap_then_notify_once()
    {
        var book = Book(available: 10_000, new BudgetPolicy(Threshold: 5_000, Amount: 20_000, MonthlyCap: 20_000));
        book.AutoTopUpDue(Now).Should().BeNull("the budget is above the threshold");

        book.Award(Award("a", 6_000), Now);
        var first = book.AutoTopUpDue(Now);
        first.Should().NotBeNull();
        first!.Points.Should().Be(20_000);
        book.AutoTopUpDue(Now).Should().BeNull("one auto top-up at a time");
        book.CompleteTopUp(first, withdrawn: true, Now);

        book.Award(Award("b", 20_000), Now);
        book.AutoTopUpDue(Now).Should().BeNull("a second top-up would pass the cap");
        book.AutoTopUpDue(Now).Should().BeNull();
        book.State.Outbox.Notifications.Count(n => n.Type == NotificationTypes.BudgetCapReached).Should().Be(1);
        book.View(Now).AutoToppedUpThisMonth.Should().Be(20_000);
    }

    [Fact]
    public void A_new_month_resets_the_counters_and_the_cap()
    {
        var book = Book(available: 0, new BudgetPolicy(Threshold: 5_000, Amount: 20_000, MonthlyCap: 20_000));
        book.CompleteTopUp(book.AutoTopUpDue(Now)!, withdrawn: true, Now);
        book.Award(Award("a", 19_000), Now);
        book.AutoTopUpDue(Now).Should().BeNull();

        var nextMonth = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(5.5));
        book.View(nextMonth).SpentThisMonth.Should().Be(0, "a month not yet rolled over reads as empty");
        book.RollMonth(nextMonth);

        book.View(nextMonth).AutoToppedUpThisMonth.Should().Be(0);
        book.View(nextMonth).SpentThisMonth.Should().Be(0);
        book.AutoTopUpDue(nextMonth).Should().NotBeNull();
    }

    [Fact]
    public void A_refused_auto_top_up_is_not_asked_again_for_a_while()
    {
        var book = Book(available: 0, new BudgetPolicy(Threshold: 5_000, Amount: 20_000, MonthlyCap: 100_000));
        book.CompleteTopUp(book.AutoTopUpDue(Now)!, withdrawn: false, Now);

        book.AutoTopUpDue(Now.AddSeconds(30)).Should().BeNull();
        book.AutoTopUpDue(Now + BudgetBook.AutoTopUpRetry).Should().NotBeNull();
        book.View(Now).Available.Should().Be(0);
    }

    [Fact]
    public void A_reversal_refuses_later_awards_of_the_event_drops_pending_ones_and_credits_funded_ones_once_confirmed()
    {
        var book = Book(available: 500);
        var original = new EventKey("dms", "e1");
        var funded = new AwardRequest("dms:e1:customer:C-1", new MemberRef(MemberKind.Customer, "C-1"), 500, "dms:e1");
        var pending = new AwardRequest("dms:e1:staff:S-1", new MemberRef(MemberKind.Staff, "S-1"), 200, "dms:e1");
        book.Award(funded, Now).Funded.Should().BeTrue();
        book.Award(pending, Now).Funded.Should().BeFalse();

        book.BeginReversal(original);
        book.CollectReversal(original, [.. book.State.Outbox.Entries.Where(e => e.Kind == EntryKinds.Award)], Now);

        book.Outcome(funded).Reversed.Should().BeTrue();
        book.Award(new AwardRequest("dms:e1:staff:S-2", new MemberRef(MemberKind.Staff, "S-2"), 100, "dms:e1"), Now).Reversed.Should().BeTrue();
        book.View(Now).PendingAwards.Should().Be(new PendingAwards(0, 0));
        book.State.ReversalsToConfirm.Select(r => (r.TransferId, r.Funded)).Should().Equal(("dms:e1:staff:S-1", false), ("dms:e1:customer:C-1", true));

        book.ConfirmReversal("dms:e1:customer:C-1", Now);
        book.ConfirmReversal("dms:e1:staff:S-1", Now);
        book.ConfirmReversal("dms:e1:customer:C-1", Now);
        book.View(Now).Available.Should().Be(500, "the funded award came back once; the pending one had never left");
        book.State.ReversalsToConfirm.Should().BeEmpty();

        book.CollectReversal(original, [.. book.State.Outbox.Entries.Where(e => e.Kind == EntryKinds.Award)], Now);
        book.State.ReversalsToConfirm.Should().BeEmpty("an award credited back is never queued again");
    }

    [Fact]
    public void A_return_past_the_largest_budget_throws_rather_than_wrapping_negative()
    {
        var book = Book(available: long.MaxValue);

        var act = () => book.Return("return-1", 1, Now);

        act.Should().Throw<OverflowException>();
    }
}
