using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Storage;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// The journal and the notification feed put the appends that arrive together in one round trip:
/// many outboxes at once, some carrying the same entry (a retry beside its original).
/// </summary>
[Collection(PostgresCollection.Name)]
public class GroupCommittedAppendsTests(PostgresServer server)
{
    private const int Outboxes = 200;
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Journal_appends_made_at_once_are_each_stored_once()
    {
        var database = await server.CreateDatabaseAsync("journal-rounds");
        await new SchemaMigration(database).ApplyAsync();
        await using var journal = new PostgresLedgerJournal(database);

        // Outbox i carries entries i and i + 1: every entry but the first arrives twice.
        await Task.WhenAll(Enumerable.Range(0, Outboxes).Select(i => journal.AppendAsync([Entry(i), Entry(i + 1)])));

        var stored = await journal.ReadAsync("customer:C-rounds", before: 0, limit: 1_000);
        stored.Select(e => e.Id).Should().BeEquivalentTo(Enumerable.Range(0, Outboxes + 1).Select(i => $"round-{i}"));
    }

    [Fact]
    public async Task Notifications_appended_at_once_are_each_stored_once_in_position_order()
    {
        var database = await server.CreateDatabaseAsync("feed-rounds");
        await new SchemaMigration(database).ApplyAsync();
        await using var feed = new PostgresNotificationFeed(database);

        await Task.WhenAll(Enumerable.Range(0, Outboxes).Select(i => feed.AppendAsync([Notice(i), Notice(i + 1)])));

        var stored = await feed.ReadAsync(after: 0, limit: 1_000, dealerships: null);
        stored.Select(n => n.Id).Should().BeEquivalentTo(Enumerable.Range(0, Outboxes + 1).Select(i => $"notice-{i}"));
        stored.Select(n => n.Seq).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_budget_finds_the_newest_awards_it_funded_oldest_first_and_nothing_else()
    {
        var database = await server.CreateDatabaseAsync("journal-recent");
        await new SchemaMigration(database).ApplyAsync();
        await using var journal = new PostgresLedgerJournal(database);
        await journal.AppendAsync([.. Enumerable.Range(0, 5).Select(Entry)]);
        await journal.AppendAsync(
        [
            new("top-up-1", At, EntryKinds.TopUp, "pool", "budget:DLR-rounds", 1_000, "DLR-rounds", null, "opening"),
            new("other-1", At, EntryKinds.Award, "budget:DLR-other", "customer:C-rounds", 10, "DLR-other", "dms:other", null),
            Entry(5),
        ]);

        var recent = await journal.RecentAwardsAsync("budget:DLR-rounds", limit: 3);

        recent.Should().Equal(new RecentAward("round-3", 10), new RecentAward("round-4", 10), new RecentAward("round-5", 10));
    }

    private static LedgerEntry Entry(int i) =>
        new($"round-{i}", At, EntryKinds.Award, "budget:DLR-rounds", "customer:C-rounds", 10, "DLR-rounds", $"dms:{i}", null);

    private static Notification Notice(int i) =>
        new($"notice-{i}", "points.earned", "customer:C-rounds", At.AddSeconds(i), new Dictionary<string, string>(), DealershipId: "DLR-rounds");
}
