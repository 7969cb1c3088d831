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
}
