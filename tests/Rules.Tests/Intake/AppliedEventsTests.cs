using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Intake;

public class AppliedEventsTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static DmsEvent Event(string source, string id, DateTimeOffset occurredAt) =>
        new(source, id, occurredAt, "DLR-1", new TransactionReversed("dms", "orig-" + id, "duplicate"));

    [Fact]
    public void An_event_is_recorded_once()
    {
        var applied = new AppliedEvents();

        applied.TryRecord(Event("dms", "e1", Day)).Should().BeTrue();
        applied.TryRecord(Event("dms", "e1", Day)).Should().BeFalse();
        applied.TryRecord(Event("crm", "e1", Day)).Should().BeTrue("the key is the pair (source, id)");
    }

    [Fact]
    public void Keys_older_than_the_cutoff_are_forgotten_and_newer_ones_kept()
    {
        var applied = new AppliedEvents();
        applied.TryRecord(Event("dms", "old", Day.AddDays(-500)));
        applied.TryRecord(Event("dms", "new", Day));

        applied.ForgetOlderThan(Day.AddDays(-401));

        applied.Count.Should().Be(1);
        applied.Contains(new EventKey("dms", "new")).Should().BeTrue();
        applied.Contains(new EventKey("dms", "old")).Should().BeFalse();
    }

    [Fact]
    public void Keys_are_forgotten_a_day_after_the_intake_would_reject_their_event()
    {
        var applied = new AppliedEvents();
        applied.TryRecord(Event("dms", "rejected-for-a-day", Day - IntakeWindow.MaxAge - TimeSpan.FromDays(2)));
        applied.TryRecord(Event("dms", "still-acceptable", Day - IntakeWindow.MaxAge + TimeSpan.FromDays(1)));

        applied.ForgetExpired(Day);

        applied.Contains(new EventKey("dms", "rejected-for-a-day")).Should().BeFalse();
        applied.Contains(new EventKey("dms", "still-acceptable")).Should().BeTrue();
    }

    [Fact]
    public void The_digest_an_event_carries_is_its_keys_digest_and_tells_keys_apart()
    {
        Event("dms", "e1", Day).KeyDigest.Should().Be(new EventKey("dms", "e1").Digest);
        new EventKey("dms", "e1").Digest.Should().NotBe(new EventKey("crm", "e1").Digest);
    }

    [Theory]
    [InlineData("e1")]
    [InlineData("RO:2026/äöü-€-🚗")]
    [InlineData("a-very-long-id-")]
    public void The_digest_is_the_first_8_bytes_of_SHA_256_over_source_colon_id_as_stored_digests_were_made(string id)
    {
        // Long enough to leave the stack buffer when the theory asks for the long id.
        id = id == "a-very-long-id-" ? string.Concat(Enumerable.Repeat(id, 40)) : id;

        var expected = BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"dms:{id}")));

        new EventKey("dms", id).Digest.Should().Be(expected);
    }
}
