using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Staff;

namespace Pitstop.Rules.Tests.Compatibility;

/// <summary>
/// States that storage still holds from before a change of their shape must read. The payloads
/// below were written by the engine at commit 8b1e8cf with Orleans' serializer: a budget whose state
/// still carried its window of recent transfers, a dealership that still counted its own events.
/// </summary>
public class EarlierStatesTests
{
    private const string BudgetWithItsWindow =
        "IADiFcEBQQ8yMDI2LTExAQEBAQEBAQEBAQEBAaIPIQADIehAJ2RtczplMjpjdXN0b21lcjpDLTIh6AgDAUEHQy0y4AGiD0ENZG1zOmUyIYAAUBEK7UbfCIEAAAAAAAAAAODg4CEgAAWB7u0Af6oNdlmAUxBFEmqxRgng4CHgIeAh4CHgIoAAAAAAAAAAAIEAAAAAAAAAAOAhIOAh4OAh4CHgIeAh4OA=";

    private const string DealershipCountingItself =
        "ICAgAQOBJ4nsMpiU+fUAlBIF4OABFegg6EAnUGl0c3RvcCBLb3JhbWFuZ2FsYUETQmVuZ2FsdXJ1QQVLQUELc291dGjgITABMSzULh1TdHJpbmdDb21wYXJlcgADAQHgAQNBL3NlcnZpY2UudmlzaXQuY29tcGxldGVkABXg4A==";

    // Written at commit a538c3d (before wallets, staff and the journal moved folders and
    // namespaces): the serializer names the types by their aliases, so a move must not matter.
    private const string CustomerBeforeTheMove =
        "ICAg4OABCeggAEIGAdIHAaIPAWIJAQEhAAMh6EAnZG1zOmUyOmN1c3RvbWVyOkMtMQHSB0ELRExSLTHg4CEAAyHoIIAAsPxvk5LhCIEAAAAAAAAAAOABQgbg4OAhIOAhAAMh6EAFcjEhgABwBVQnVN8IgQAAAAAAAAAA4EEVcmVkZW1wdGlvbkEZY3VzdG9tZXI6Qy0xQRFyZWRlZW1lZAFiCcEhwQFBDzEgeCBNdWcBAeDg4CEBA8E7IOjAO0EHTVVHAQUBYgkJAwEhgABwBVQnVN8IgQAAAAAAAAAA4DEBAJKym2FTeXN0ZW0uQ29sbGVjdGlvbnMuR2VuZXJpYy5MaXN0YDFbW3BpdHN0b3AuTG90XV0AAyHoIIAAsPxvk5LhCIEAAAAAAAAAAOABYgng4AkDDeDgAQEh4CHg6AgDBcEhISDgIeAh4CHgIeDgwQEhIODBASHg4CEg4CHg4CEg4OAhIODgwQHBAcEBwQHHEwHBAeA=";

    private const string StaffBeforeTheMove =
        "ICAg4OABBeggAAIGAQEBAgYBAQEBIeAhAAMh6CCAALD8b5OS4QiBAAAAAAAAAADgAQIG4ODgISDgIeDgIeABASHgIeDoCAMBQQtETFItMQECBiEBA0EPMjAyNi0xMgACBuAhAQPBP+DBASHgIQEDQQlKQy0xIOhAIWRtczplMTpzdGFmZjpTLTEB8cE3IYAAcAVUJ1TfCIEAAAAAAAAAAODg4CEBA8E/ICABAwkDAQAF4CHg4ODBAcEB4A==";

    // Written by main's engine of 2026-12-07 (commit 49b914a), when the league's metrics were still
    // declared with the program's options: a month's counts keyed by metric, and a challenge reached.
    private const string StaffCountingBeforeMetricsMoved =
        "ICAg4OABAeggAAEBAQEBAQEBASHgIeDgISDgIeAh4OAh4AEBIeAh4OjAAUELRExSLTEBAhIh4CHgwQEh4CHgIQEDQQ8yMDI2LTEyICABBQkDBQANCAMNAAXgIQEDQSdjaGFsbGVuZ2U6b24tdGltZS0z4ODgwQHBAeA=";

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(BudgetState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_budget_state_written_with_its_window_of_recent_transfers_reads_without_it()
    {
        var budget = Serializer.Deserialize<BudgetState>(Convert.FromBase64String(BudgetWithItsWindow))!;

        (budget.Available, budget.Month, budget.AwardedTotal).Should().Be((700L, "2026-11", 500L));
        budget.Pending.Select(p => (p.TransferId, p.Points)).Should().Equal(("dms:e2:customer:C-2", 500L));
    }

    [Fact]
    public void A_budget_s_awards_queued_before_their_event_times_were_kept_are_ordered_by_when_they_were_queued()
    {
        var budget = Serializer.Deserialize<BudgetState>(Convert.FromBase64String(BudgetWithItsWindow))!;
        var queued = budget.Pending.Single();
        var book = new BudgetBook("DLR-1", budget, new RecentTransfers(), new BudgetPolicy(0, 0, 0), new ProgramCalendar(TimeZoneInfo.Utc, ProgramClock.System));
        var member = new MemberRef(MemberKind.Customer, "C-3");

        book.Award(new AwardRequest("later", member, 100, "dms:later", queued.At.AddMinutes(1)), queued.At.AddHours(1)).Funded.Should().BeFalse();
        book.Award(new AwardRequest("earlier", member, 1_000, "dms:earlier", queued.At.AddMinutes(-1)), queued.At.AddHours(1)).Funded.Should().BeFalse();

        budget.Pending.Select(p => p.TransferId).Should().Equal("earlier", queued.TransferId, "later");
    }

    [Fact]
    public void A_dealership_state_from_before_the_months_counted_keeps_its_profile_and_totals()
    {
        var dealership = Serializer.Deserialize<DealershipState>(Convert.FromBase64String(DealershipCountingItself))!;

        dealership.Profile!.Name.Should().Be("Pitstop Koramangala");
        dealership.EventsApplied.Should().Be(5);
        dealership.EventsByType.Should().Equal(new Dictionary<string, long> { ["service.visit.completed"] = 5 });
        dealership.Applied.Count.Should().Be(1, "its record is still there to be dropped when the grain activates");
        dealership.Months.Should().BeEmpty();
    }

    [Fact]
    public void A_customer_state_written_before_wallets_moved_folders_reads_with_its_wallet_redemption_and_outbox()
    {
        var customer = Serializer.Deserialize<CustomerState>(Convert.FromBase64String(CustomerBeforeTheMove))!;

        (customer.Tier, customer.HomeDealershipId, customer.EventsApplied).Should().Be((Tier.Gold, "DLR-1", 2L));
        (customer.Wallet.Available, customer.Wallet.ToBalance().Pending).Should().Be((200L, 250L));
        customer.Redemptions["r1"].Points.Should().Be(300);
        customer.Outbox.Entries.Single().Id.Should().Be("r1");
    }

    [Fact]
    public void A_staff_state_written_before_staff_moved_folders_reads_with_its_scores_and_zero_defect_points()
    {
        var staff = Serializer.Deserialize<StaffState>(Convert.FromBase64String(StaffBeforeTheMove))!;

        (staff.Role, staff.KpiPoints, staff.MonthScores["2026-12"]).Should().Be((StaffRole.Technician, 192L, 192L));
        staff.BoardsBehindStoredEarlier.Should().Equal("2026-12");
        staff.ZeroDefect["JC-1"].Points.Should().Be(60);
        staff.Wallet.ToBalance().Available.Should().Be(192);
    }

    [Fact]
    public void A_staff_state_written_before_board_scores_left_through_the_outbox_puts_its_months_there()
    {
        var staff = Serializer.Deserialize<StaffState>(Convert.FromBase64String(StaffBeforeTheMove))!;

        staff.MoveBoardsBehindStoredEarlier();

        staff.Outbox.Deliveries.Should().Equal(new BoardScoreDelivery("2026-12", 192));
        staff.BoardsBehindStoredEarlier.Should().BeEmpty();
    }

    [Fact]
    public void A_staff_state_whose_month_counts_were_keyed_by_metrics_declared_with_the_options_reads_them_by_the_same_metrics()
    {
        var staff = Serializer.Deserialize<StaffState>(Convert.FromBase64String(StaffCountingBeforeMetricsMoved))!;

        var month = staff.Achievements["2026-12"];
        month.Counts.Should().Equal(new Dictionary<LeagueMetric, int> { [LeagueMetric.OnTime] = 3, [LeagueMetric.Upsell] = 1 });
        month.Earned.Should().Equal("challenge:on-time-3");
        (staff.DealershipId, staff.KpiPoints).Should().Be(("DLR-1", 576L));
        staff.ChallengeProgress.Should().BeEmpty("runs were not kept then");
    }
}
