using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Storage;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// The ledger entries a grain's state carries are inserted by the statement that writes the state:
/// in the journal exactly when the state is stored, never held in the stored state, and one row
/// each however often they are written.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JournalledStateWritesTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(BudgetState).Assembly)).AddMetrics().BuildServiceProvider();
    private string _database = null!;
    private BatchedGrainStorage _storage = null!;
    private PostgresLedgerJournal _journal = null!;

    public async Task InitializeAsync()
    {
        _database = await server.CreateDatabaseAsync("journalled-states");
        await new SchemaMigration(_database).ApplyAsync();
        _storage = new BatchedGrainStorage(
            _database, "test", _services.GetRequiredService<Serializer>(), new PointsMetrics(_services.GetRequiredService<IMeterFactory>()));
        _journal = new PostgresLedgerJournal(_database);
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await _journal.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task A_state_and_its_entries_are_stored_together_and_the_stored_state_holds_none()
    {
        var id = GrainId.Create("budget", "D-together");
        var state = Budget(Award("together-1", "C-together"), Award("together-2", "C-together"));

        await _storage.WriteStateAsync("budget", id, state);

        (await JournalledAsync("C-together")).Should().Equal("together-2", "together-1");
        state.State!.Outbox.Entries.Should().BeEmpty("the journal has them");
        var read = new GrainState<BudgetState>(new BudgetState());
        await _storage.ReadStateAsync("budget", id, read);
        read.State!.Outbox.Entries.Should().BeEmpty("no second write is needed to drop them");
        read.ETag.Should().Be("1");
    }

    [Fact]
    public async Task A_state_write_that_fails_journals_none_of_its_entries_and_keeps_them_for_the_next()
    {
        var id = GrainId.Create("budget", "D-stale");
        var first = Budget();
        await _storage.WriteStateAsync("budget", id, first);
        await _storage.WriteStateAsync("budget", id, first);
        var stale = Budget(Award("stale-1", "C-stale"));
        stale.ETag = "1";

        var write = () => _storage.WriteStateAsync("budget", id, stale);

        await write.Should().ThrowAsync<InconsistentStateException>();
        (await JournalledAsync("C-stale")).Should().BeEmpty();
        stale.State!.Outbox.Entries.Select(e => e.Id).Should().Equal("stale-1");
    }

    [Fact]
    public async Task An_entry_written_again_after_a_redelivery_stays_one_row()
    {
        var id = GrainId.Create("budget", "D-again");
        await _storage.WriteStateAsync("budget", id, Budget(Award("again-1", "C-again")));
        // A redelivered event decided again by the next activation: the same entry, from the stored state.
        var reactivated = new GrainState<BudgetState>(new BudgetState());
        await _storage.ReadStateAsync("budget", id, reactivated);
        reactivated.State!.Outbox.Entries.Add(Award("again-1", "C-again"));

        await _storage.WriteStateAsync("budget", id, reactivated);

        (await JournalledAsync("C-again")).Should().Equal("again-1");
        reactivated.ETag.Should().Be("2");
    }

    [Fact]
    public async Task Grains_written_at_once_carrying_the_same_entries_journal_each_once()
    {
        // Grain i carries entries i and i + 1: every entry but the first arrives twice, mostly in one round.
        var writes = Enumerable.Range(0, 200).Select(i =>
            _storage.WriteStateAsync("budget", GrainId.Create("budget", $"D-round-{i}"), Budget(Award($"round-{i}", "C-round"), Award($"round-{i + 1}", "C-round"))));

        await Task.WhenAll(writes);

        (await JournalledAsync("C-round")).Should().BeEquivalentTo(Enumerable.Range(0, 201).Select(i => $"round-{i}"));
    }

    [Fact]
    public async Task The_journal_keeps_only_the_indexes_its_queries_use()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database);
        await using var command = dataSource.CreateCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'pitstop_ledger_entry'");
        var indexes = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes[reader.GetString(0)] = reader.GetString(1);
            }
        }

        indexes.Keys.Should().BeEquivalentTo(
            "pitstop_ledger_entry_id_key", "pitstop_ledger_entry_from", "pitstop_ledger_entry_to",
            "pitstop_ledger_entry_dealership", "pitstop_ledger_entry_cause", "pitstop_ledger_entry_at");
        indexes["pitstop_ledger_entry_at"].Should().Contain("USING brin (at)");
        indexes["pitstop_ledger_entry_cause"].Should().Contain("WHERE (kind = 'award'::text)");
    }

    [Fact]
    public async Task A_reversal_finds_its_awards_through_the_awards_only_cause_index()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database);
        // A budget's year of awards, one event each, analyzed.
        await dataSource.CreateCommand(
            """
            INSERT INTO pitstop_ledger_entry (id, at, kind, from_account, to_account, points, dealership_id, source_event_id)
            SELECT 'plan-' || g, now(), 'award', 'budget:D-plan', 'customer:C-' || g, 10, 'D-plan', 'dms:plan-' || g
            FROM generate_series(1, 20000) AS g;
            ANALYZE pitstop_ledger_entry;
            """).ExecuteNonQueryAsync();

        await using var explain = dataSource.CreateCommand("EXPLAIN " + PostgresLedgerJournal.AwardsCausedBySql);
        explain.Parameters.Add(new NpgsqlParameter<string>("cause", "dms:plan-7"));
        explain.Parameters.Add(new NpgsqlParameter<string>("budget", "budget:D-plan"));
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        string.Join('\n', plan).Should().Contain("pitstop_ledger_entry_cause").And.NotContain("Seq Scan");
    }

    private async Task<List<string>> JournalledAsync(string customer) =>
        [.. (await _journal.ReadAsync($"customer:{customer}", before: 0, limit: 1_000)).Select(e => e.Id)];

    private static GrainState<BudgetState> Budget(params LedgerEntry[] entries)
    {
        var state = new BudgetState();
        state.Outbox.Entries.AddRange(entries);
        return new GrainState<BudgetState>(state);
    }

    private static LedgerEntry Award(string id, string customer) =>
        new(id, At, EntryKinds.Award, "budget:D", $"customer:{customer}", 10, "D", $"dms:{id}", null);
}
