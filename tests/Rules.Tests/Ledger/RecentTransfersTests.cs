using Pitstop.Grains.Ledger;

namespace Pitstop.Rules.Tests.Ledger;

public class RecentTransfersTests
{
    [Fact]
    public void The_window_keeps_the_newest_transfers_up_to_its_capacity_and_forgets_the_oldest()
    {
        var recent = new RecentTransfers();
        for (var i = 0; i <= RecentTransfers.Capacity; i++)
        {
            recent.Add($"t-{i}", 10);
        }

        recent.Count.Should().Be(RecentTransfers.Capacity);
        recent.Contains("t-0").Should().BeFalse("the oldest made room for the newest");
        recent.Contains("t-1").Should().BeTrue();
        recent.Contains($"t-{RecentTransfers.Capacity}").Should().BeTrue();
    }

    [Fact]
    public void A_transfer_added_again_takes_no_second_place_in_the_window()
    {
        var recent = new RecentTransfers();
        recent.Add("t-a", 10);
        for (var i = 0; i < RecentTransfers.Capacity - 1; i++)
        {
            recent.Add("t-a", 10);
            recent.Add($"t-{i}", 10);
        }

        recent.Count.Should().Be(RecentTransfers.Capacity);
        recent.Contains("t-a").Should().BeTrue("repeats did not push anything out");
        recent.Contains("t-0").Should().BeTrue();
    }

    [Fact]
    public void The_window_remembers_the_points_of_each_transfer_and_the_first_figure_stands()
    {
        var recent = new RecentTransfers();
        recent.Add("t-a", 500);
        recent.Add("t-a", 625);

        recent.PointsOf("t-a").Should().Be(500, "a replay's figure does not replace what the budget took");
        recent.PointsOf("t-b").Should().BeNull();
    }
}
