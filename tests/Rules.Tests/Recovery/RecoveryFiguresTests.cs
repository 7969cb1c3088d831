using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

public class RecoveryFiguresTests
{
    [Fact]
    public void Adding_sums_every_figure()
    {
        var a = new RecoveryFigures(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        var b = new RecoveryFigures(100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_100);

        a.Add(b).Should().Be(new RecoveryFigures(101, 202, 303, 404, 505, 606, 707, 808, 909, 1_010, 1_111));
    }

    [Fact]
    public void Zero_adds_nothing()
    {
        var figures = new RecoveryFigures(1, 1, 1, 1, 1, 9, 1, 10, 1, 1, 30_000);

        RecoveryFigures.Zero.Add(figures).Should().Be(figures);
        figures.Add(RecoveryFigures.Zero).Should().Be(figures);
    }

    [Fact]
    public void Shares_and_averages_are_null_when_nothing_is_decided_or_answered()
    {
        var figures = new RecoveryFigures(Incidents: 3, Closed: 1, Recovered: 0, SlaDecided: 0, WithinSla: 0, 0, 0, 0, 0, 0, 0);

        figures.ShareWithinSla.Should().BeNull();
        figures.AverageNpsBefore.Should().BeNull();
        figures.AverageNpsAfter.Should().BeNull();
    }

    [Fact]
    public void The_share_within_sla_is_rounded_to_four_places() =>
        Figures(slaDecided: 3, withinSla: 2).ShareWithinSla.Should().Be(0.6667);

    [Fact]
    public void A_share_of_none_within_sla_is_zero_not_null() =>
        Figures(slaDecided: 2, withinSla: 0).ShareWithinSla.Should().Be(0);

    [Fact]
    public void Averages_are_rounded_to_two_places()
    {
        var figures = Figures(npsBeforeSum: 20, npsBeforeCount: 3, npsAfterSum: 17, npsAfterCount: 2);

        figures.AverageNpsBefore.Should().Be(6.67);
        figures.AverageNpsAfter.Should().Be(8.5);
    }

    [Fact]
    public void Merged_figures_derive_their_share_from_the_sums_never_by_averaging_shares()
    {
        var merged = Figures(slaDecided: 1, withinSla: 1).Add(Figures(slaDecided: 3, withinSla: 0));

        merged.ShareWithinSla.Should().Be(0.25);
    }

    private static RecoveryFigures Figures(int slaDecided = 0, int withinSla = 0, long npsBeforeSum = 0, int npsBeforeCount = 0, long npsAfterSum = 0, int npsAfterCount = 0) =>
        RecoveryFigures.Zero with
        {
            SlaDecided = slaDecided,
            WithinSla = withinSla,
            NpsBeforeSum = npsBeforeSum,
            NpsBeforeCount = npsBeforeCount,
            NpsAfterSum = npsAfterSum,
            NpsAfterCount = npsAfterCount,
        };
}
