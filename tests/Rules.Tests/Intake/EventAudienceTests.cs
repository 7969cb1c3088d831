using Pitstop.Grains.Interfaces.Intake;
using static Pitstop.Rules.Tests.Loyalty.CustomerEarningTests;

namespace Pitstop.Rules.Tests.Intake;

public class EventAudienceTests
{
    [Fact]
    public void A_visit_concerns_its_customer_advisor_and_technicians()
    {
        var visit = Visit() with { TechnicianIds = ["S-T1", "S-T2"] };

        EventAudience.Customers(visit).Should().Equal("C-1");
        EventAudience.Staff(visit).Should().Equal(
            new StaffMention("S-A1", StaffRole.Advisor), new StaffMention("S-T1", StaffRole.Technician), new StaffMention("S-T2", StaffRole.Technician));
    }

    [Fact]
    public void A_member_named_twice_is_reached_once() =>
        EventAudience.Staff(Visit() with { TechnicianIds = ["S-T1", "S-T1"] }).Should().HaveCount(2);

    [Fact]
    public void An_advisor_who_also_worked_on_the_car_is_reached_once_as_the_advisor() =>
        EventAudience.Staff(Visit() with { TechnicianIds = ["S-T1", "S-A1", "S-T1"] }).Should().Equal(
            new StaffMention("S-A1", StaffRole.Advisor), new StaffMention("S-T1", StaffRole.Technician));

    [Fact]
    public void A_referral_concerns_both_customers() =>
        EventAudience.Customers(new ReferralConverted("R", "C-1", "C-2", "CT-1")).Should().Equal("C-1", "C-2");

    [Fact]
    public void A_support_case_concerns_its_agent_as_support() =>
        EventAudience.Staff(new SupportCaseClosed("CS-1", "S-C1", null, default, default, default, 8, true))
            .Should().Equal(new StaffMention("S-C1", StaffRole.Support));
}
