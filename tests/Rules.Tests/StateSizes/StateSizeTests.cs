using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Recovery;
using Pitstop.Grains.Staff;
using Xunit.Abstractions;

namespace Pitstop.Rules.Tests.StateSizes;

/// <summary>
/// What the states written on every delivery weigh after a year (<see cref="YearOfTraffic"/>), as
/// Orleans' serializer writes them to storage: bounded by what a rule or a read still needs, not by
/// the year. Each test writes the sizes it measured to the test output.
/// </summary>
public class StateSizeTests(ITestOutputHelper output)
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(RecoveryDeskState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static int SizeOf<T>(T state) => Serializer.SerializeToArray(state).Length;

    [Fact]
    public void A_desk_a_year_in_holds_the_incidents_of_its_last_month_not_the_year()
    {
        var kept = YearOfTraffic.Desk(settle: false);
        var bounded = YearOfTraffic.Desk(settle: true);

        output.WriteLine($"desk after a year: {SizeOf(kept):N0} bytes keeping every incident ({kept.Incidents.Count:N0}, {kept.Done.Count:N0} checks made); " +
            $"{SizeOf(bounded):N0} bytes settling them ({bounded.Incidents.Count:N0}, {bounded.Done.Count:N0} checks made)");
        kept.Incidents.Should().HaveCount(10_000);
        bounded.Incidents.Count.Should().BeLessThan((10_000 * 32 / 365) + 20, "a month of recoveries wait on follow-ups, and the 20 unpaid ones");
        SizeOf(bounded).Should().BeLessThan(SizeOf(kept) / 8);
    }

    [Fact]
    public void A_loyalty_month_keeps_8_bytes_a_tally_instead_of_its_key()
    {
        var keys = new LoyaltyCounts();
        keys.CountedStoredEarlier.UnionWith(YearOfTraffic.MonthOfTallies().Select(t => t.Key));
        var digests = new LoyaltyCounts();
        foreach (var tally in YearOfTraffic.MonthOfTallies())
        {
            digests.Count(tally).Should().BeTrue();
        }

        output.WriteLine($"loyalty month of 1,500 tallies: {SizeOf(new LoyaltyMonthState { Counts = keys }):N0} bytes as keys, {SizeOf(new LoyaltyMonthState { Counts = digests }):N0} bytes as digests");
        digests.CountedDigests.Should().HaveCount(1_500);
        SizeOf(digests).Should().BeLessThan(SizeOf(keys) / 3);
    }

    [Fact]
    public void A_technician_a_year_in_keeps_this_month_s_achievements_and_runs_and_lots_and_cards_within_their_windows()
    {
        var state = YearOfTraffic.Technician(new StaffDecider(new ProgramOptions(), YearOfTraffic.Calendar, programVersion: 1));

        output.WriteLine($"technician after a year: {SizeOf(state):N0} bytes ({state.ZeroDefect.Count} zero-defect cards, {state.Wallet.Lots.Count} lots, " +
            $"{state.Achievements.Count} months of achievements, {state.ChallengeProgress.Count} challenge runs, {state.MonthScores.Count} month scores)");
        state.Achievements.Keys.Should().Equal("2026-11");
        state.ChallengeProgress.Keys.Should().BeEquivalentTo("monthly-fixes:2026-11", "spring-csat:2026-03-01");
        state.ZeroDefect.Values.Should().OnlyContain(z => z.At >= YearOfTraffic.Start.AddDays(365 - 181), "a defect cancels zero-defect points for 180 days");
        state.Wallet.Lots.Should().HaveCount(365, "one lot a day, none expired within the 24 months");
    }
}
