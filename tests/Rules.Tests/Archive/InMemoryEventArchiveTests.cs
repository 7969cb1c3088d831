using Pitstop.Grains.Archive;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Archive;

/// <summary>The embedded mode's archive keeps the contract of the PostgreSQL one (EventArchivePersistenceTests).</summary>
public class InMemoryEventArchiveTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(5.5));

    private readonly InMemoryEventArchive _archive = new();

    [Fact]
    public async Task An_event_appended_again_is_kept_once_at_its_first_place()
    {
        await _archive.AppendAsync([Archived(1, "DLR-1"), Archived(2, "DLR-1")]);
        await _archive.AppendAsync([Archived(2, "DLR-1"), Archived(3, "DLR-1")]);

        var all = await _archive.ReadAsync(new ArchiveQuery(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 0, 100));

        all.Select(a => (a.Seq, a.Event.Id)).Should().Equal((1L, "e-1"), (2L, "e-2"), (3L, "e-3"));
    }

    [Fact]
    public async Task Reads_keep_one_dealership_and_a_period_after_a_cursor_and_trimming_forgets_the_old()
    {
        await _archive.AppendAsync([.. Enumerable.Range(0, 10).Select(i => Archived(i, i % 2 == 0 ? "DLR-even" : "DLR-odd"))]);

        var page = await _archive.ReadAsync(new ArchiveQuery("DLR-even", Start.AddHours(2), Start.AddHours(9), After: 3, Limit: 2));
        page.Select(a => a.Event.Id).Should().Equal("e-4", "e-6");

        (await _archive.TrimAsync(Start.AddHours(5))).Should().Be(5);
        var left = await _archive.ReadAsync(new ArchiveQuery(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 0, 100));
        left.Select(a => a.Event.Id).Should().Equal("e-5", "e-6", "e-7", "e-8", "e-9");

        // A trimmed event is forgotten: were it archived again, it would be kept again.
        await _archive.AppendAsync([Archived(0, "DLR-even")]);
        (await _archive.ReadAsync(new ArchiveQuery(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 0, 100))).Should().HaveCount(6);
    }

    private static ArchivedEvent Archived(int n, string dealershipId) =>
        new(0, new DmsEvent("dms", $"e-{n}", Start.AddHours(n), dealershipId, new NpsSubmitted($"SV-{n}", "C-1", null, null, 9)), Start.AddHours(n).AddSeconds(1));
}
