using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Intake;

/// <summary>The digests states written before offsets carry: read, and forgotten as their events leave the intake window.</summary>
public class AppliedDigestsTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static DmsEvent Event(string source, string id, DateTimeOffset occurredAt) =>
        new(source, id, occurredAt, "DLR-1", new TransactionReversed("dms", "orig-" + id, "duplicate"));

    private static AppliedDigests Holding(params DmsEvent[] events) =>
        new() { Digests = events.ToDictionary(e => e.KeyDigest, e => IntakeDays.Of(e.OccurredAt)) };

    [Fact]
    public void An_event_is_known_by_its_key_s_digest()
    {
        var digests = Holding(Event("dms", "e1", Day));

        digests.Contains(Event("dms", "e1", Day.AddDays(3))).Should().BeTrue("the key is what counts, not when");
        digests.Contains(Event("crm", "e1", Day)).Should().BeFalse("the key is the pair (source, id)");
    }

    [Fact]
    public void Keys_older_than_the_cutoff_are_forgotten_and_newer_ones_kept()
    {
        var digests = Holding(Event("dms", "old", Day.AddDays(-500)), Event("dms", "new", Day));

        digests.ForgetOlderThan(IntakeDays.Of(Day.AddDays(-401)));

        digests.Count.Should().Be(1);
        digests.Contains(Event("dms", "new", Day)).Should().BeTrue();
        digests.Contains(Event("dms", "old", Day)).Should().BeFalse();
    }

    [Fact]
    public void Keys_are_forgotten_a_day_after_the_intake_would_reject_their_event()
    {
        var rejected = Event("dms", "rejected-for-a-day", Day - IntakeWindow.MaxAge - TimeSpan.FromDays(2));
        var acceptable = Event("dms", "still-acceptable", Day - IntakeWindow.MaxAge + TimeSpan.FromDays(1));
        var digests = Holding(rejected, acceptable);

        digests.ForgetExpired(Day);

        digests.Contains(rejected).Should().BeFalse();
        digests.Contains(acceptable).Should().BeTrue();
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
