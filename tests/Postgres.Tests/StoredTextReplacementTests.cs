using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Storage;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// Text that reached a grain past the intake with characters PostgreSQL refuses is stored with
/// U+FFFD in their place: the write succeeds, so the outbox that holds it never wedges its grain.
/// </summary>
[Collection(PostgresCollection.Name)]
public class StoredTextReplacementTests(PostgresServer server)
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    // Built in code, not as theory data: the test runner's own serialization mangles a lone surrogate.
    private static readonly (string Text, string Stored)[] Cases =
    [
        ("launch\0mint", "launch\uFFFDmint"),
        ("lone \uD800 high", "lone \uFFFD high"),
        ("lone \uDC00 low", "lone \uFFFD low"),
        ("pair \uD83D\uDE97 kept", "pair \uD83D\uDE97 kept"),
    ];

    [Fact]
    public async Task Journal_notes_and_notification_values_PostgreSQL_refuses_are_stored_with_the_replacement_character()
    {
        foreach (var (text, stored) in Cases)
        {
            await StoresAsync(text, stored);
        }
    }

    private async Task StoresAsync(string text, string stored)
    {
        var database = await server.CreateDatabaseAsync("storable-text");
        await new SchemaMigration(database).ApplyAsync();
        await using var journal = new PostgresLedgerJournal(database);
        await using var feed = new PostgresNotificationFeed(database);

        await journal.AppendAsync([new LedgerEntry("mint:text", At, EntryKinds.Mint, Accounts.Minted, Accounts.Pool, 10, null, null, text)]);
        await feed.AppendAsync([new Notification("notice-text", "points.earned", "customer:C-text", At, new Dictionary<string, string> { ["reason"] = text })]);

        (await journal.ReadAsync(Accounts.Pool, before: 0, limit: 10)).Should().ContainSingle().Which.Note.Should().Be(stored);
        (await feed.ReadAsync(after: 0, limit: 10, dealerships: null)).Should().ContainSingle().Which.Data["reason"].Should().Be(stored);
    }
}
