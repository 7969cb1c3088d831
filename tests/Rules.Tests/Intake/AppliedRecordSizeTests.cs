using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pitstop.Grains.Dealerships;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Staff;
using Xunit.Abstractions;

namespace Pitstop.Rules.Tests.Intake;

/// <summary>
/// A state's record of applied events as stored: the digests a state written before offsets grew
/// by about a dozen bytes an event; offsets stay the size of one position per stream.
/// </summary>
public class AppliedRecordSizeTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(StaffState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    // A year of a dealership's stream: queue messages of 20 events each, numbered as the queue does.
    private static IEnumerable<(DmsEvent Event, EventPosition Position)> Traffic(int events) =>
        Enumerable.Range(0, events).Select(i => (
            new DmsEvent("dms", $"e-{i}", Day.AddMinutes(-i), "DLR-1", new TransactionReversed("dms", $"orig-{i}", "duplicate")),
            new EventPosition(1_000_000 + (i / 20), i % 20)));

    private static int SizeOf<T>(T state) => Serializer.SerializeToArray(state).Length;

    private static StaffState Staff(int events, bool digests)
    {
        var staff = new StaffState();
        foreach (var (e, position) in Traffic(events))
        {
            if (digests)
            {
                (staff.EarlierDigests ??= new()).Digests[e.KeyDigest] = IntakeDays.Of(e.OccurredAt);
            }
            else
            {
                staff.Applied.Advance(e, position);
            }
        }

        return staff;
    }

    private static DealershipMonthState Month(int events, bool digests)
    {
        var month = new DealershipMonthState();
        foreach (var (e, position) in Traffic(events))
        {
            if (digests)
            {
                (month.EarlierDigests ??= new()).Digests[e.KeyDigest] = IntakeDays.Of(e.OccurredAt);
            }
            else
            {
                month.Applied.Advance(e, position);
            }
        }

        return month;
    }

    [Fact]
    public void A_staff_member_s_state_stays_the_same_size_whatever_the_events_applied()
    {
        var (one, many) = (SizeOf(Staff(1, digests: false)), SizeOf(Staff(4_000, digests: false)));
        var before = SizeOf(Staff(4_000, digests: true));
        output.WriteLine($"staff member: digests after 4,000 events {before} bytes; offsets after 1 event {one} bytes, after 4,000 {many} bytes");

        many.Should().BeLessThanOrEqualTo(one + 4, "a later position costs a byte or two more, never one per event");
        before.Should().BeGreaterThan(4_000 * 9, "each digest took about a dozen bytes");
    }

    [Fact]
    public void A_dealership_month_s_state_stays_the_same_size_whatever_the_events_counted()
    {
        var (one, many) = (SizeOf(Month(1, digests: false)), SizeOf(Month(10_000, digests: false)));
        var before = SizeOf(Month(10_000, digests: true));
        output.WriteLine($"dealership month: digests after 10,000 events {before} bytes; offsets after 1 event {one} bytes, after 10,000 {many} bytes");

        many.Should().BeLessThanOrEqualTo(one + 4);
        before.Should().BeGreaterThan(10_000 * 9);
    }
}
