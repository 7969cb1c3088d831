using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

public class IncidentPositionTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_later_opening_comes_first()
    {
        IncidentPosition[] positions = [new(Opened, "delay:JC-1"), new(Opened.AddDays(2), "complaint:CMP-1"), new(Opened.AddDays(1), "defect:JC-2")];

        positions.Order(IncidentPosition.NewestFirst).Select(p => p.IncidentId).Should().Equal("complaint:CMP-1", "defect:JC-2", "delay:JC-1");
    }

    [Fact]
    public void Openings_at_the_same_time_come_by_id_descending()
    {
        IncidentPosition[] positions = [new(Opened, "complaint:CMP-1"), new(Opened, "delay:JC-1"), new(Opened, "complaint:CMP-2"), new(Opened, "defect:JC-1")];

        positions.Order(IncidentPosition.NewestFirst).Select(p => p.IncidentId).Should().Equal("delay:JC-1", "defect:JC-1", "complaint:CMP-2", "complaint:CMP-1");
    }

    [Fact]
    public void Ids_compare_ordinally_so_upper_case_comes_after_lower_case() =>
        IncidentPosition.NewestFirst.Compare(new(Opened, "complaint:a"), new(Opened, "complaint:B")).Should().BeNegative();

    [Fact]
    public void The_same_instant_in_another_offset_is_the_same_time()
    {
        var kolkata = new IncidentPosition(Opened.ToOffset(TimeSpan.FromHours(5.5)), "complaint:CMP-2");
        var utc = new IncidentPosition(Opened, "complaint:CMP-1");

        IncidentPosition.NewestFirst.Compare(kolkata, utc).Should().BeNegative("the ids decide, and the greater comes first");
    }

    [Fact]
    public void A_position_is_level_with_itself() =>
        IncidentPosition.NewestFirst.Compare(new(Opened, "delay:JC-1"), new(Opened, "delay:JC-1")).Should().Be(0);
}
