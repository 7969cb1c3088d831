using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

public class RecoveryFiguresTests
{
    [Fact]
    public void Adding_sums_every_figure()
    {
        var a = new RecoveryFigures(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        var b = new RecoveryFigures(100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_100, 1_200, 1_300, 1_400, 1_500, 1_600, 1_700, 1_800, 1_900, 2_000);

        a.Add(b).Should().Be(new RecoveryFigures(101, 202, 303, 404, 505, 606, 707, 808, 909, 1_010, 1_111, 1_212, 1_313, 1_414, 1_515, 1_616, 1_717, 1_818, 1_919, 2_020));
    }

    [Fact]
    public void Zero_adds_nothing()
    {
        var figures = new RecoveryFigures(1, 1, 1, 1, 1, 9, 1, 10, 1, 1, 30_000, 1, 0, 1, 0);

        RecoveryFigures.Zero.Add(figures).Should().Be(figures);
        figures.Add(RecoveryFigures.Zero).Should().Be(figures);
    }

    [Fact]
    public void Shares_and_averages_are_null_when_nothing_is_decided_or_answered()
    {
        var figures = new RecoveryFigures(Incidents: 3, Closed: 1, Recovered: 0, SlaDecided: 0, WithinSla: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        figures.ShareWithinSla.Should().BeNull();
        figures.AverageNpsBefore.Should().BeNull();
        figures.AverageNpsAfter.Should().BeNull();
        figures.NpsBefore.Should().BeNull();
        figures.NpsAfter.Should().BeNull();
        figures.ShareExceededExpectations.Should().BeNull();
        figures.ShareRecoveryPointsRedeemed.Should().BeNull();
        figures.EscalationRate.Should().BeNull();
    }

    [Fact]
    public void The_recovery_kpis_are_shares_of_their_own_counts_to_four_decimals()
    {
        var figures = RecoveryFigures.Zero with
        {
            ExpectationsAnswered = 3, ExceededExpectations = 1,
            PointsSpent = 35_000, RecoveryPointsRedeemed = 12_000,
            Complaints = 4, EscalatedComplaints = 1,
        };

        figures.ShareExceededExpectations.Should().Be(0.3333);
        figures.ShareRecoveryPointsRedeemed.Should().Be(0.3429);
        figures.EscalationRate.Should().Be(0.25);
    }

    [Theory]
    [InlineData(10, true, false)]
    [InlineData(9, true, false)]
    [InlineData(8, false, false)]
    [InlineData(7, false, false)]
    [InlineData(6, false, true)]
    [InlineData(0, false, true)]
    public void Nine_and_ten_promote_zero_to_six_detract_seven_and_eight_are_passive(int score, bool promoter, bool detractor)
    {
        RecoveryFigures.IsPromoter(score).Should().Be(promoter);
        RecoveryFigures.IsDetractor(score).Should().Be(detractor);
    }

    [Fact]
    public void Nps_is_the_share_of_promoters_less_the_share_of_detractors_in_points_of_a_hundred()
    {
        // Before: 2 promoters, 1 passive, 1 detractor of 4 answers; after: 1 promoter, 2 detractors of 3.
        var figures = RecoveryFigures.Zero with
        {
            NpsBeforeCount = 4, NpsBeforePromoters = 2, NpsBeforeDetractors = 1,
            NpsAfterCount = 3, NpsAfterPromoters = 1, NpsAfterDetractors = 2,
        };

        figures.NpsBefore.Should().Be(25);
        figures.NpsAfter.Should().Be(-33.3);
    }

    [Fact]
    public void Nps_runs_from_minus_100_when_all_detract_to_100_when_all_promote_and_is_0_of_passives_alone()
    {
        (RecoveryFigures.Zero with { NpsBeforeCount = 2, NpsBeforeDetractors = 2 }).NpsBefore.Should().Be(-100);
        (RecoveryFigures.Zero with { NpsAfterCount = 5, NpsAfterPromoters = 5 }).NpsAfter.Should().Be(100);
        (RecoveryFigures.Zero with { NpsBeforeCount = 3 }).NpsBefore.Should().Be(0);
    }

    [Fact]
    public void Merged_nps_is_taken_from_the_summed_counts_never_by_averaging_scores()
    {
        // One dealership: 1 promoter of 1 (100); another: 1 promoter, 3 detractors of 4 (-50). Together 2 − 3 of 5.
        var merged = (RecoveryFigures.Zero with { NpsAfterCount = 1, NpsAfterPromoters = 1 })
            .Add(RecoveryFigures.Zero with { NpsAfterCount = 4, NpsAfterPromoters = 1, NpsAfterDetractors = 3 });

        merged.NpsAfter.Should().Be(-20);
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
