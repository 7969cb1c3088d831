using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Streams;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// One write at the door: an event is accepted by storing its key and its queue row in one
/// transaction, a duplicate writes nothing, a reversal needs its exclusive key, a retried dead
/// letter is queued again with its key left alone; and what the earlier schema stored (keys
/// claimed but not published, rows queued under a lease) is recognised and delivered.
/// </summary>
[Collection(PostgresCollection.Name)]
public class EventAdmissionTests(PostgresServer server)
{
    private static readonly Serializer<PostgresBatchContainer> Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(PostgresBatchContainer).Assembly).AddAssembly(typeof(DmsEvent).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer<PostgresBatchContainer>>();

    private static readonly QueuePartitions Partitions = new(EventStreams.ProviderName, 8);

    [Fact]
    public async Task A_new_event_is_stored_and_queued_at_once_and_its_repeat_is_a_duplicate_that_writes_nothing()
    {
        await using var door = await DoorAsync("admit");
        var late = Visit("v-1", "DLR-A", minutesAgo: 5);
        var early = Visit("v-2", "DLR-A", minutesAgo: 50);
        var other = Visit("v-3", "DLR-B", minutesAgo: 1);

        var first = await door.Writer.AdmitAsync([new(late, null), new(early, null), new(other, null)], announce: null);
        var again = await door.Writer.AdmitAsync([new(late, null), new(Visit("v-4", "DLR-A", 1), null)], announce: null);

        first.Accepted.Should().BeEquivalentTo([late.Key, early.Key, other.Key]);
        again.Accepted.Should().BeEquivalentTo([new EventKey("dms", "v-4")]);
        var messages = await door.ReadAllAsync();
        string Ids(PostgresBatchContainer m) => string.Join(",", m.Events.Cast<DmsEvent>().Select(e => e.Id));
        messages.Where(m => m.StreamId == EventStreams.ForDealership("DLR-A")).Select(Ids)
            .Should().Equal(["v-2,v-1", "v-4"], "a dealership's events in the order they occurred, the duplicate nowhere");
        messages.Where(m => m.StreamId == EventStreams.ForDealership("DLR-B")).Select(Ids).Should().Equal("v-3");
        (await door.ScalarAsync("SELECT count(*) FROM pitstop_event_key WHERE published AND dealership_id IS NOT NULL")).Should().Be(4);
    }

    [Fact]
    public async Task Of_concurrent_writes_of_one_new_event_exactly_one_accepts_it()
    {
        await using var door = await DoorAsync("race");
        var visit = Visit("v-race", "DLR-A", 1);

        // A writer each, as on eight API nodes: the database, not one node's round, decides.
        var writers = Enumerable.Range(0, 8).Select(_ => new EventQueueWriter(door.DataSource, Partitions, Serializer, 100)).ToList();

        var admissions = await Task.WhenAll(writers.Select(w => Task.Run(() => w.AdmitAsync([new(visit, null)], announce: null))));
        foreach (var writer in writers)
        {
            await writer.DisposeAsync();
        }

        admissions.Count(a => a.Accepted.Contains(visit.Key)).Should().Be(1);
        (await door.ReadAllAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task A_reversal_holding_its_original_is_accepted_and_a_second_is_refused_leaving_neither_key_nor_row()
    {
        await using var door = await DoorAsync("reversal");
        var claim = new EventKey("~reversal", "dms:v-1");
        var first = await door.Writer.AdmitAsync([new(Reversal("undo-1"), claim)], announce: null);

        var second = await door.Writer.AdmitAsync([new(Reversal("undo-2"), claim)], announce: null);

        first.Accepted.Should().ContainSingle();
        second.Accepted.Should().BeEmpty();
        second.Refused.Should().BeEquivalentTo([new EventKey("dms", "undo-2")]);
        (await door.ScalarAsync("SELECT count(*) FROM pitstop_event_key WHERE id = 'undo-2'")).Should().Be(0, "a refused reversal can be corrected and sent again");
        (await door.ReadAllAsync()).SelectMany(m => m.Events.Cast<DmsEvent>()).Select(e => e.Id).Should().Equal("undo-1");
    }

    [Fact]
    public async Task Of_two_reversals_of_one_original_in_one_write_the_first_is_accepted_and_a_resent_one_is_a_duplicate()
    {
        await using var door = await DoorAsync("reversals");
        var claim = new EventKey("~reversal", "dms:v-1");
        await door.Writer.AdmitAsync([new(Reversal("undo-1"), claim)], announce: null);

        var admission = await door.Writer.AdmitAsync([new(Reversal("undo-2"), claim), new(Reversal("undo-3"), claim), new(Reversal("undo-1"), claim)], announce: null);
        var fresh = await door.Writer.AdmitAsync([new(Reversal("undo-4"), new EventKey("~reversal", "dms:v-9")), new(Reversal("undo-5"), new EventKey("~reversal", "dms:v-9"))], announce: null);

        admission.Accepted.Should().BeEmpty();
        admission.Refused.Should().BeEquivalentTo([new EventKey("dms", "undo-2"), new EventKey("dms", "undo-3")], "undo-1, sent again, is a duplicate");
        fresh.Accepted.Should().BeEquivalentTo([new EventKey("dms", "undo-4")]);
        fresh.Refused.Should().BeEquivalentTo([new EventKey("dms", "undo-5")]);
    }

    [Fact]
    public async Task The_announcement_hears_the_accepted_events_before_they_are_committed()
    {
        await using var door = await DoorAsync("announce");
        var visible = -1L;

        await door.Writer.AdmitAsync(
            [new(Visit("v-1", "DLR-A", 1), null), new(Visit("v-2", "DLR-A", 1), null)],
            async accepted =>
            {
                accepted.Select(e => e.Id).Should().BeEquivalentTo(["v-1", "v-2"]);
                visible = await door.ScalarAsync("SELECT count(*) FROM pitstop_event_key");
            });

        visible.Should().Be(0, "no reader could have delivered the events while the routers were being told");
        (await door.ReadAllAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task A_write_whose_announcement_does_not_finish_is_withdrawn_and_the_others_commit()
    {
        await using var door = await DoorAsync("unannounced");
        var never = new TaskCompletionSource().Task;
        var slow = Visit("v-slow", "DLR-A", 1);
        var other = Visit("v-other", "DLR-B", 1);

        var admissions = await Task.WhenAll(
            door.Writer.AdmitAsync([new(slow, null)], _ => never),
            door.Writer.AdmitAsync([new(other, null)], announce: null));

        admissions[0].Unannounced.Should().BeTrue();
        admissions[0].Accepted.Should().BeEmpty();
        admissions[1].Accepted.Should().BeEquivalentTo([other.Key]);
        (await door.ReadAllAsync()).Select(m => ((DmsEvent)m.Events.Single()).Id).Should().Equal("v-other");
        var retried = await door.Writer.AdmitAsync([new(slow, null)], announce: null);
        retried.Accepted.Should().BeEquivalentTo([slow.Key], "the withdrawn write left no key behind");
    }

    [Fact]
    public async Task A_write_of_the_same_round_told_duplicate_of_a_withdrawn_event_is_withdrawn_with_it()
    {
        await using var door = await DoorAsync("unannounced-duplicate");
        var never = new TaskCompletionSource().Task;
        var visit = Visit("v-1", "DLR-A", 1);
        var undo = Reversal("undo-1");
        var claim = new EventKey("~reversal", "dms:v-1");
        // A first write holds its round for the bound; the next three, sent once it is announcing, queue meanwhile and share the next round.
        var announcing = new TaskCompletionSource();
        var holding = door.Writer.AdmitAsync([new(Visit("v-hold", "DLR-B", 1), null)], _ =>
        {
            announcing.TrySetResult();
            return never;
        });
        await announcing.Task;
        var owner = door.Writer.AdmitAsync([new(visit, null), new(undo, claim)], _ => never);
        var repeat = door.Writer.AdmitAsync([new(visit, null)], announce: null);
        var rival = door.Writer.AdmitAsync([new(Reversal("undo-2"), claim)], announce: null);

        var admissions = await Task.WhenAll(holding, owner, repeat, rival);

        admissions.Should().OnlyContain(a => a.Unannounced && a.Accepted.Count == 0,
            "the holding and owning writes never confirmed, and the repeat would be acknowledged as a duplicate, and the rival refused, for an event that was never accepted");
        (await door.ScalarAsync("SELECT count(*) FROM pitstop_event_key")).Should().Be(0);
        (await door.ReadAllAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_retried_dead_letter_is_queued_again_without_touching_its_key()
    {
        await using var door = await DoorAsync("requeue");
        var visit = Visit("v-1", "DLR-A", 1);
        await door.Writer.AdmitAsync([new(visit, null)], announce: null);

        await door.Writer.RequeueAsync(new PostgresBatchContainer { StreamId = EventStreams.ForDealership("DLR-A"), Events = [visit] });

        (await door.ReadAllAsync()).Select(m => ((DmsEvent)m.Events.Single()).Id).Should().Equal("v-1", "v-1");
        (await door.ScalarAsync("SELECT count(*) FROM pitstop_event_key")).Should().Be(1);
    }

    [Fact]
    public async Task Keys_claimed_and_rows_queued_by_the_earlier_schema_are_recognised_and_delivered_after_the_upgrade()
    {
        await using var door = await DoorAsync("upgrade");
        // As the earlier intake left them: a key published, one claimed but never published (it
        // died in between), a reversal's claim not yet published, and a queue row leased by a silo.
        await door.ExecuteAsync(
            """
            INSERT INTO pitstop_event_key (source, id, published, dealership_id) VALUES ('dms', 'old-published', true, 'DLR-A');
            INSERT INTO pitstop_event_key (source, id) VALUES ('dms', 'old-claimed');
            INSERT INTO pitstop_event_key (source, id, claimant) VALUES ('~reversal', 'dms:old-published', 'dms:old-undo');
            """);
        var leased = Serializer.SerializeToArray(new PostgresBatchContainer { StreamId = EventStreams.ForDealership("DLR-A"), Events = [Visit("old-queued", "DLR-A", 1)] });
        await using (var insert = door.DataSource.CreateCommand(
            "INSERT INTO pitstop_event_queue (queue_id, payload, visible_at, dequeue_count, leased_by) VALUES (@queue, @payload, now() + interval '1 hour', 1, 'old-silo')"))
        {
            insert.Parameters.Add(new NpgsqlParameter<int>("queue", Partitions.Of(EventStreams.ForDealership("DLR-A"))));
            insert.Parameters.Add(new NpgsqlParameter<byte[]>("payload", leased));
            await insert.ExecuteNonQueryAsync();
        }

        await new SchemaMigration(door.Database).ApplyAsync();
        var claim = new EventKey("~reversal", "dms:old-published");
        var admission = await door.Writer.AdmitAsync(
            [new(Visit("old-published", "DLR-A", 1), null), new(Visit("old-claimed", "DLR-A", 1), null), new(Reversal("old-other-undo"), claim)],
            announce: null);
        var retried = await door.Writer.AdmitAsync([new(Reversal("old-undo"), claim)], announce: null);

        admission.Accepted.Should().BeEquivalentTo([new EventKey("dms", "old-claimed")], "a published key is a duplicate; an unpublished claim may never have been queued");
        admission.Refused.Should().BeEquivalentTo([new EventKey("dms", "old-other-undo")], "the earlier reversal's claim holds against another");
        retried.Accepted.Should().BeEquivalentTo([new EventKey("dms", "old-undo")], "the claiming reversal, retried, takes its claim over");
        (await door.ReadAllAsync()).SelectMany(m => m.Events.Cast<DmsEvent>()).Select(e => e.Id)
            .Should().Equal(["old-queued", "old-claimed", "old-undo"], "the leased row is read from the start of its partition, before what came after");
    }

    private async Task<Door> DoorAsync(string name)
    {
        var database = await server.CreateDatabaseAsync(name);
        await new SchemaMigration(database).ApplyAsync();
        var dataSource = NpgsqlDataSource.Create(database);
        return new Door(database, dataSource, new EventQueueWriter(dataSource, Partitions, Serializer, 100));
    }

    private static DmsEvent Visit(string id, string dealershipId, int minutesAgo) =>
        new("dms", id, DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), dealershipId, new VisitCompleted(
            "JC-1", "C-1", "VIN1", VehicleClass.Mid, VisitKind.Repair, "S-A1", [], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, true, false, true, 0m));

    private static DmsEvent Reversal(string id) =>
        new("dms", id, DateTimeOffset.UtcNow, "DLR-A", new TransactionReversed("dms", id.StartsWith("old", StringComparison.Ordinal) ? "old-published" : "v-1", "invoice cancelled"));

    private sealed record Door(string Database, NpgsqlDataSource DataSource, EventQueueWriter Writer) : IAsyncDisposable
    {
        /// <summary>Every partition's messages, as the partitions' readers get them, partition by partition.</summary>
        public async Task<List<PostgresBatchContainer>> ReadAllAsync()
        {
            var table = new QueueTable(DataSource);
            var messages = new List<PostgresBatchContainer>();
            for (var partition = 0; partition < 8; partition++)
            {
                messages.AddRange((await table.ReadAsync(partition, 0, 100)).Select(r => Serializer.Deserialize(r.Payload)!));
            }

            return messages;
        }

        public async Task<long> ScalarAsync(string sql)
        {
            await using var command = DataSource.CreateCommand(sql);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var command = DataSource.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Writer.DisposeAsync();
            await DataSource.DisposeAsync();
        }
    }
}
