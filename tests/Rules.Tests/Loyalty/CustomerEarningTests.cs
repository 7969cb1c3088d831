using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Loyalty;

namespace Pitstop.Rules.Tests.Loyalty;

public class CustomerEarningTests
{
    private readonly CustomerEarning _earning = new(new CustomerEarningOptions());

    internal static VisitCompleted Visit(VisitKind kind = VisitKind.Scheduled, bool onTime = true, bool firstTimeFix = true, bool repeatRepair = false, bool accurate = true)
    {
        var promised = new DateTimeOffset(2026, 11, 20, 17, 0, 0, TimeSpan.FromHours(5.5));
        return new VisitCompleted("JC-1", "C-1", "VIN1", VehicleClass.Mid, kind, "S-A1", ["S-T1"], promised,
            onTime ? promised.AddMinutes(-5) : promised.AddHours(1), firstTimeFix, repeatRepair, accurate, 18_500m);
    }

    [Theory]
    [InlineData(Tier.Silver, 500)]
    [InlineData(Tier.Gold, 625)]
    [InlineData(Tier.Platinum, 750)]
    public void A_scheduled_visit_earns_500_times_the_tier_multiplier(Tier tier, long expected) =>
        _earning.ForVisit(Visit(), tier).Should().Be(expected);

    [Theory]
    [InlineData(VisitKind.Repair)]
    [InlineData(VisitKind.Warranty)]
    [InlineData(VisitKind.Accident)]
    public void Other_visits_earn_no_service_points(VisitKind kind) =>
        _earning.ForVisit(Visit(kind), Tier.Platinum).Should().Be(0);

    [Fact]
    public void The_amount_is_configuration() =>
        new CustomerEarning(new CustomerEarningOptions { ScheduledVisit = 700 }).ForVisit(Visit(), Tier.Silver).Should().Be(700);
}
