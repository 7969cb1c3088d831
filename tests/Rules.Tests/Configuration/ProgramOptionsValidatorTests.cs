using Pitstop.Grains.Configuration;

namespace Pitstop.Rules.Tests.Configuration;

public class ProgramOptionsValidatorTests
{
    private static IEnumerable<string> Failures(ProgramOptions options) =>
        new ProgramOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_program_that_ships_is_valid() =>
        new ProgramOptionsValidator().Validate(null, new ProgramOptions()).Succeeded.Should().BeTrue();

    [Fact]
    public void A_bad_number_in_a_nested_section_fails_naming_its_configuration_path()
    {
        var options = new ProgramOptions();
        options.Recovery.MinorAward = -5;
        options.StaffKpi.AdvisorUpsellShare = 2m;

        Failures(options).Should().Contain(f => f.StartsWith("Program:Recovery:MinorAward:", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Program:StaffKpi:AdvisorUpsellShare:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_badge_or_challenge_fails_naming_its_entry()
    {
        var options = new ProgramOptions();
        options.League.Badges["pitstop-pro"].Count = -1;
        options.League.Challenges["november"] = new ChallengeRule { Name = "November", Count = 5, Bonus = -300 };

        Failures(options).Should().Contain(f => f.StartsWith("Program:League:Badges:pitstop-pro:Count:", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Program:League:Challenges:november:Bonus:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_top_level_number_still_fails()
    {
        var options = new ProgramOptions { PointsLifetimeMonths = 0 };

        Failures(options).Should().Contain(f => f.StartsWith("Program:PointsLifetimeMonths:", StringComparison.Ordinal));
    }
}
