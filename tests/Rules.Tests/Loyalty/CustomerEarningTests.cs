using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Rules.Tests.Loyalty;

public class CustomerEarningTests
{
    private static readonly EarningContext Silver = new(Tier.Silver, LongTerm: false);

    private readonly CustomerEarning _earning = new(new CustomerEarningOptions());

    internal static VisitCompleted Visit(VisitKind kind = VisitKind.Scheduled, bool onTime = true, bool firstTimeFix = true, bool repeatRepair = false, bool accurate = true)
    {
        var promised = new DateTimeOffset(2026, 11, 20, 17, 0, 0, TimeSpan.FromHours(5.5));
        return new VisitCompleted("JC-1", "C-1", "VIN1", VehicleClass.Mid, kind, "S-A1", ["S-T1"], promised,
            onTime ? promised.AddMinutes(-5) : promised.AddHours(1), firstTimeFix, repeatRepair, accurate, 18_500m);
    }

    private static ContractSigned Contract(ContractKind kind, VehicleClass vehicleClass = VehicleClass.Mid) =>
        new("CT-1", "C-1", "VIN1", vehicleClass, Ownership.Lease, kind);

    [Theory]
    [InlineData(Tier.Silver, 500)]
    [InlineData(Tier.Gold, 625)]
    [InlineData(Tier.Platinum, 750)]
    public void A_scheduled_visit_earns_500_times_the_tier_multiplier(Tier tier, long expected) =>
        _earning.ForVisit(Visit(), new EarningContext(tier, LongTerm: false)).Points.Should().Be(expected);

    [Theory]
    [InlineData(VisitKind.Repair)]
    [InlineData(VisitKind.Warranty)]
    [InlineData(VisitKind.Accident)]
    public void Other_visits_earn_no_service_points(VisitKind kind) =>
        _earning.ForVisit(Visit(kind), new EarningContext(Tier.Platinum, LongTerm: false)).Points.Should().Be(0);

    [Fact]
    public void The_amount_is_configuration() =>
        new CustomerEarning(new CustomerEarningOptions { ScheduledVisit = 700 }).ForVisit(Visit(), Silver).Points.Should().Be(700);

    [Theory]
    [InlineData(Tier.Silver, 42_000, 2_100)]
    [InlineData(Tier.Gold, 42_000, 2_625)]
    [InlineData(Tier.Platinum, 42_000, 3_150)]
    [InlineData(Tier.Silver, 199.99, 9)]
    public void An_accessory_earns_5_percent_of_its_amount_times_the_tier_multiplier_rounded_down(Tier tier, double amount, long expected) =>
        _earning.ForAccessory(new AccessorySold("ACC-1", "C-1", null, (decimal)amount), new EarningContext(tier, false)).Points.Should().Be(expected);

    [Theory]
    [InlineData(Tier.Silver, 35_000, 1_050)]
    [InlineData(Tier.Gold, 35_000, 1_312)]
    [InlineData(Tier.Platinum, 35_000, 1_575)]
    public void An_upsell_earns_3_percent_of_its_amount_times_the_tier_multiplier(Tier tier, double amount, long expected) =>
        _earning.ForUpsell(new UpsellSold("UPS-1", "C-1", "S-A1", UpsellProduct.Amc, (decimal)amount), new EarningContext(tier, false)).Points.Should().Be(expected);

    [Theory]
    [InlineData(Tier.Silver)]
    [InlineData(Tier.Platinum)]
    public void Feedback_earns_100_whatever_the_tier(Tier tier) =>
        _earning.ForFeedback(new EarningContext(tier, false)).Points.Should().Be(100);

    [Theory]
    [InlineData(ContractKind.New, VehicleClass.Entry, 10_000)]
    [InlineData(ContractKind.New, VehicleClass.Mid, 20_000)]
    [InlineData(ContractKind.New, VehicleClass.Performance, 40_000)]
    [InlineData(ContractKind.Renewal, VehicleClass.Entry, 5_000)]
    [InlineData(ContractKind.Renewal, VehicleClass.Mid, 10_000)]
    [InlineData(ContractKind.Renewal, VehicleClass.Performance, 20_000)]
    [InlineData(ContractKind.LeaseToPurchase, VehicleClass.Entry, 15_000)]
    [InlineData(ContractKind.PurchaseToLease, VehicleClass.Performance, 15_000)]
    [InlineData(ContractKind.Buyout, VehicleClass.Mid, 15_000)]
    [InlineData(ContractKind.FinanceCompleted, VehicleClass.Performance, 5_000)]
    public void A_contract_earns_by_kind_and_class_never_multiplied_by_the_tier(ContractKind kind, VehicleClass vehicleClass, long expected)
    {
        _earning.ForContract(Contract(kind, vehicleClass), Silver).Points.Should().Be(expected);
        _earning.ForContract(Contract(kind, vehicleClass), new EarningContext(Tier.Platinum, false)).Points.Should().Be(expected);
    }

    [Fact]
    public void A_referral_earns_the_referrer_5000_and_the_referee_2500()
    {
        _earning.ForReferrer(Silver).Points.Should().Be(5_000);
        _earning.ForReferee(Silver).Points.Should().Be(2_500);
    }

    [Fact]
    public void The_long_term_bonus_adds_10_percent_to_every_earning_after_the_tier_multiplier_rounding_once()
    {
        var gold = new EarningContext(Tier.Gold, LongTerm: true);
        _earning.ForVisit(Visit(), gold).Points.Should().Be(687); // 500 × 1.25 × 1.1 = 687.5
        _earning.ForAccessory(new AccessorySold("ACC-1", "C-1", null, 42_000m), gold).Points.Should().Be(2_887); // 2,100 × 1.25 × 1.1 = 2,887.5
        _earning.ForFeedback(gold).Points.Should().Be(110);
        _earning.ForContract(Contract(ContractKind.New, VehicleClass.Performance), gold).Points.Should().Be(44_000);
        _earning.ForReferrer(gold).Points.Should().Be(5_500);
        _earning.ForReferee(gold).Points.Should().Be(2_750);
    }

    [Fact]
    public void The_long_term_bonus_starts_three_years_after_the_first_contract()
    {
        var first = new DateTimeOffset(2023, 11, 20, 10, 0, 0, TimeSpan.Zero);
        _earning.IsLongTerm(first, first.AddYears(3)).Should().BeTrue();
        _earning.IsLongTerm(first, first.AddYears(3).AddSeconds(-1)).Should().BeFalse();
        _earning.IsLongTerm(null, first.AddYears(10)).Should().BeFalse();
    }

    [Fact]
    public void Every_row_of_the_table_is_configuration()
    {
        var earning = new CustomerEarning(new CustomerEarningOptions
        {
            AccessoryShare = 0.10m, UpsellShare = 0.01m, Feedback = 50, Referrer = 1, Referee = 2,
            NewContract = new ContractPointsOptions { Entry = 3, Mid = 4, Performance = 5 },
            Renewal = new ContractPointsOptions { Entry = 6, Mid = 7, Performance = 8 },
            CrossQualification = 9, FinanceCompleted = 11, LongTermLoyaltyBonus = 0.5m, LongTermLoyaltyYears = 1,
            GoldMultiplier = 2m,
        });
        earning.ForAccessory(new AccessorySold("A", "C", null, 1_000m), Silver).Points.Should().Be(100);
        earning.ForUpsell(new UpsellSold("U", "C", "S", UpsellProduct.Amc, 1_000m), new EarningContext(Tier.Gold, false)).Points.Should().Be(20);
        earning.ForFeedback(Silver).Points.Should().Be(50);
        earning.ForReferrer(Silver).Points.Should().Be(1);
        earning.ForReferee(Silver).Points.Should().Be(2);
        earning.ForContract(Contract(ContractKind.New, VehicleClass.Performance), Silver).Points.Should().Be(5);
        earning.ForContract(Contract(ContractKind.Renewal, VehicleClass.Entry), Silver).Points.Should().Be(6);
        earning.ForContract(Contract(ContractKind.Buyout), Silver).Points.Should().Be(9);
        earning.ForContract(Contract(ContractKind.FinanceCompleted), new EarningContext(Tier.Silver, LongTerm: true)).Points.Should().Be(16);
        var first = DateTimeOffset.UnixEpoch;
        earning.IsLongTerm(first, first.AddYears(1)).Should().BeTrue();
    }

    [Fact]
    public void A_sale_too_large_to_count_in_points_throws_rather_than_earning_a_wrong_number()
    {
        var act = () => _earning.ForAccessory(new AccessorySold("ACC-1", "C-1", null, 1.85e20m), Silver);

        act.Should().Throw<OverflowException>();
    }
}
