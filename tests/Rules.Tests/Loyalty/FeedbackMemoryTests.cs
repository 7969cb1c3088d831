using Pitstop.Grains.Loyalty;

namespace Pitstop.Rules.Tests.Loyalty;

public class FeedbackMemoryTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private static readonly DateTimeOffset Day0 = new(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_reward_per_job_card_whether_csat_or_nps()
    {
        var memory = new FeedbackMemory();
        memory.TryReward("JC-1", Day0, Window).Should().BeTrue();
        memory.TryReward("JC-1", Day0.AddHours(1), Window).Should().BeFalse();
        memory.TryReward("JC-2", Day0.AddHours(2), Window).Should().BeTrue();
    }

    [Fact]
    public void Without_a_job_card_one_reward_per_30_days_on_either_side()
    {
        var memory = new FeedbackMemory();
        memory.TryReward(null, Day0, Window).Should().BeTrue();
        memory.TryReward(null, Day0.AddDays(29), Window).Should().BeFalse();
        // A late answer given before the rewarded one is judged by when it was given.
        memory.TryReward(null, Day0.AddDays(-10), Window).Should().BeFalse();
        memory.TryReward(null, Day0.AddDays(30), Window).Should().BeTrue();
        memory.TryReward(null, Day0.AddDays(-30), Window).Should().BeTrue();
    }

    [Fact]
    public void Answers_with_and_without_a_job_card_do_not_limit_each_other()
    {
        var memory = new FeedbackMemory();
        memory.TryReward("JC-1", Day0, Window).Should().BeTrue();
        memory.TryReward(null, Day0, Window).Should().BeTrue();
    }

    [Fact]
    public void Old_answers_are_forgotten()
    {
        var memory = new FeedbackMemory();
        memory.TryReward("JC-1", Day0, Window);
        memory.TryReward(null, Day0, Window);
        memory.ForgetBefore(Day0.AddDays(1));
        memory.JobCards.Should().BeEmpty();
        memory.WithoutJobCard.Should().BeEmpty();
    }
}
