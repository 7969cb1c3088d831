using Pitstop.Grains.League;

namespace Pitstop.Rules.Tests.League;

public class BoardChangeLogTests
{
    [Fact]
    public void Names_each_member_changed_since_a_version_once()
    {
        var log = new BoardChangeLog(8);
        log.Record("S-1");
        var seen = log.Version;
        log.Record("S-2");
        log.Record("S-1");
        log.Record("S-3");

        log.Version.Should().Be(4);
        log.ChangedSince(seen).Should().BeEquivalentTo("S-2", "S-1", "S-3");
        log.ChangedSince(log.Version).Should().BeEmpty();
        log.ChangedSince(0).Should().BeEquivalentTo("S-1", "S-2", "S-3");
    }

    [Fact]
    public void Cannot_answer_for_a_version_it_no_longer_reaches_or_never_had()
    {
        var log = new BoardChangeLog(4);
        for (var i = 1; i <= 6; i++)
        {
            log.Record($"S-{i}");
        }

        log.ChangedSince(2).Should().BeEquivalentTo("S-3", "S-4", "S-5", "S-6");
        log.ChangedSince(1).Should().BeNull("the change of version 2 has been overwritten");
        log.ChangedSince(7).Should().BeNull("the log never had that version");
        log.ChangedSince(-1).Should().BeNull();
    }

    [Fact]
    public void Growing_up_to_its_capacity_keeps_every_change_it_reaches_back_to()
    {
        // 300 slots: the log grows from its first 64 through 128 and 256 to 300 on the way.
        const int capacity = 300;
        var log = new BoardChangeLog(capacity);
        var random = new Random(7);
        var recorded = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            var member = $"S-{random.Next(400)}";
            log.Record(member);
            recorded.Add(member);

            // Every version the log should still reach, compared with the recorded history.
            var version = log.Version;
            for (var since = Math.Max(0, version - capacity); since <= version; since += 17)
            {
                log.ChangedSince(since).Should().BeEquivalentTo(
                    recorded.Skip((int)since).Distinct(), $"the log holds the last {capacity} changes (version {version}, since {since})");
            }

            if (version > capacity)
            {
                log.ChangedSince(version - capacity - 1).Should().BeNull("that change is older than the capacity");
            }
        }
    }
}
