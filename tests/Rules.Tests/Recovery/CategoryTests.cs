using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

public class CategoryTests
{
    private static readonly Dictionary<ExperienceCategory, int> NothingRedeemed = [];

    [Fact]
    public void The_first_stated_preference_wins_over_what_was_redeemed() =>
        RecoveryRules.CategoryFor([ExperienceCategory.Wellness, ExperienceCategory.Dining], new Dictionary<ExperienceCategory, int> { [ExperienceCategory.Adventure] = 9 })
            .Should().Be(ExperienceCategory.Wellness);

    [Fact]
    public void Without_a_preference_the_most_redeemed_experience_wins() =>
        RecoveryRules.CategoryFor([], new Dictionary<ExperienceCategory, int> { [ExperienceCategory.Dining] = 2, [ExperienceCategory.Adventure] = 5, [ExperienceCategory.Wellness] = 4 })
            .Should().Be(ExperienceCategory.Adventure);

    [Fact]
    public void A_tie_goes_to_the_earlier_category() =>
        RecoveryRules.CategoryFor([], new Dictionary<ExperienceCategory, int> { [ExperienceCategory.Lifestyle] = 3, [ExperienceCategory.Wellness] = 3, [ExperienceCategory.Dining] = 1 })
            .Should().Be(ExperienceCategory.Wellness);

    [Fact]
    public void Without_a_preference_or_redemptions_it_is_lifestyle() =>
        RecoveryRules.CategoryFor([], NothingRedeemed).Should().Be(ExperienceCategory.Lifestyle);

    [Fact]
    public void Categories_redeemed_zero_times_do_not_count() =>
        RecoveryRules.CategoryFor([], new Dictionary<ExperienceCategory, int> { [ExperienceCategory.Dining] = 0 }).Should().Be(ExperienceCategory.Lifestyle);
}
