using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Versions;
using Pitstop.Rules.Tests.Intake;

namespace Pitstop.Rules.Tests.Versions;

/// <summary>Which version judges an event: the one in force when it occurred, a pilot only in its scope and until its end.</summary>
public class ProgramVersionBookTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ProgramCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), new ProgramClock(new FixedClock(June)));

    private static ProgramVersion Version(int number, DateTimeOffset from, ProgramPilot? pilot = null) =>
        new(number, ProgramDocument.Write(new ProgramOptions { CustomerEarning = { AccessoryShare = number / 100m } }), from, pilot, June, "test");

    private static ProgramVersionBook Book(params ProgramVersion[] versions) =>
        new([.. versions.Select(v => new ProgramInForce(v, ProgramDocument.Parse(v.Document), Calendar))]);

    private static readonly ProgramVersion First = Version(1, DateTimeOffset.MinValue);

    [Fact]
    public void An_event_is_judged_by_the_version_in_force_when_it_occurred()
    {
        var book = Book(First, Version(2, June));

        book.At(June.AddTicks(-1), "DLR-1", "KA").Number.Should().Be(1);
        book.At(June, "DLR-1", "KA").Number.Should().Be(2);
    }

    [Fact]
    public void Of_the_versions_in_force_the_one_that_took_effect_last_judges_whatever_order_they_were_stored_in()
    {
        var book = Book(First, Version(2, June.AddMonths(2)), Version(3, June));

        book.At(June.AddMonths(1), null, null).Number.Should().Be(3);
        book.At(June.AddMonths(3), null, null).Number.Should().Be(2);
    }

    [Fact]
    public void A_pilot_judges_its_dealerships_and_states_until_its_end_and_no_one_else()
    {
        var pilot = new ProgramPilot(["DLR-pilot"], ["MH"], June.AddMonths(1));
        var book = Book(First, Version(2, June, pilot));
        var during = June.AddDays(3);

        book.At(during, "DLR-pilot", "KA").Number.Should().Be(2);
        book.At(during, "DLR-pune", "MH").Number.Should().Be(2);
        book.At(during, "DLR-other", "KA").Number.Should().Be(1);
        book.At(during, "DLR-unknown", null).Number.Should().Be(1);
        book.At(June.AddMonths(1), "DLR-pilot", "MH").Number.Should().Be(1, "from its end the pilot judges nothing");
        ProgramVersionBook.InForce(book.Versions.Select(v => v.Version), during, null, null).Number.Should().Be(1, "without a dealership, the version for everyone");
        book.PilotsStatesAt(during).Should().BeTrue();
        book.PilotsStatesAt(June.AddMonths(1)).Should().BeFalse();
    }

    [Fact]
    public void A_version_for_everyone_that_takes_effect_during_a_pilot_judges_the_pilot_dealerships_too()
    {
        var book = Book(First, Version(2, June, new ProgramPilot(["DLR-pilot"], [], June.AddMonths(2))), Version(3, June.AddMonths(1)));

        book.At(June.AddDays(1), "DLR-pilot", "KA").Number.Should().Be(2);
        book.At(June.AddMonths(1).AddDays(1), "DLR-pilot", "KA").Number.Should().Be(3);
    }

    [Fact]
    public void Each_version_decides_with_its_own_numbers()
    {
        var book = Book(First, Version(5, June));
        var sale = new AccessorySold("ACC-1", "C-1", null, 10_000m);
        var silver = new EarningContext(Tier.Silver, LongTerm: false);

        book.At(June.AddDays(-1), null, null).Earning.ForAccessory(sale, silver).Points.Should().Be(100);
        book.At(June.AddDays(1), null, null).Earning.ForAccessory(sale, silver).Points.Should().Be(500);
    }
}
