using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Recovery;

namespace Pitstop.Rules.Tests.Recovery;

public class NpsTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closed = Opened.AddDays(2);

    [Fact]
    public void Nps_before_is_the_latest_reading_strictly_before_the_opening()
    {
        NpsReading[] readings =
        [
            new(9, Opened.AddDays(-30), "SV-old"),
            new(7, Opened.AddHours(-1), "SV-last"),
            new(2, Opened, "SV-at-opening"),
            new(1, Opened.AddHours(1), "SV-after"),
        ];

        RecoveryRules.NpsBefore(readings, Opened).Should().Be(readings[1]);
    }

    [Fact]
    public void Nps_before_is_null_without_an_earlier_reading() =>
        RecoveryRules.NpsBefore([new NpsReading(8, Opened, "SV-1"), new NpsReading(8, Opened.AddDays(1), "SV-2")], Opened).Should().BeNull();

    [Fact]
    public void Nps_before_breaks_a_tie_by_survey_id_whatever_the_order()
    {
        var b = new NpsReading(3, Opened.AddHours(-1), "SV-B");
        var a = new NpsReading(8, Opened.AddHours(-1), "SV-A");

        RecoveryRules.NpsBefore([b, a], Opened).Should().Be(a);
        RecoveryRules.NpsBefore([a, b], Opened).Should().Be(a);
    }

    [Fact]
    public void Nps_after_is_the_earliest_reading_at_or_after_the_closure()
    {
        NpsReading[] readings =
        [
            new(4, Closed.AddHours(-1), "SV-before-closure"),
            new(9, Closed.AddDays(5), "SV-later"),
            new(8, Closed, "SV-at-closure"),
        ];

        RecoveryRules.NpsAfter(readings, Closed).Should().Be(readings[2]);
    }

    [Fact]
    public void Nps_after_is_null_while_the_incident_is_open() =>
        RecoveryRules.NpsAfter([new NpsReading(9, Closed.AddDays(1), "SV-1")], closedAt: null).Should().BeNull();

    [Fact]
    public void Nps_after_is_null_without_a_reading_since_the_closure() =>
        RecoveryRules.NpsAfter([new NpsReading(9, Closed.AddSeconds(-1), "SV-1")], Closed).Should().BeNull();
}
