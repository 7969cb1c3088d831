using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Streams;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// A queue partition's next reader, after a graceful stop or a kill, reads on from the partition's
/// cursor at once: nothing is held on the rows, so nothing waits to be released or to expire.
/// Delivered messages stay delivered; a late report of a lost reader moves nothing back.
/// </summary>
[Collection(PostgresCollection.Name)]
public class QueueHandOverTests(PostgresServer server)
{
    private const int Partition = 0;

    [Fact]
    public async Task A_receiver_that_stops_hands_its_partition_over_at_its_first_undelivered_message()
    {
        var queue = await QueueWithThreeEventsAsync("handover");
        await using var _ = queue;

        var stopping = queue.Receiver("silo-a");
        var read = await stopping.GetQueueMessagesAsync(10);
        read.Should().HaveCount(3);
        await stopping.MessagesDeliveredAsync([read[0]]);
        await stopping.Shutdown(TimeSpan.FromSeconds(5));

        var handedOver = await queue.Receiver("silo-b").GetQueueMessagesAsync(10);
        handedOver.Select(m => m.SequenceToken.SequenceNumber).Should().Equal(read.Skip(1).Select(m => m.SequenceToken.SequenceNumber));
        handedOver.SelectMany(m => m.GetEvents<string>().Select(e => e.Item1)).Should().Equal("event-1", "event-2");
    }

    [Fact]
    public async Task A_killed_readers_messages_are_read_at_once_by_the_next_and_its_late_delivery_moves_nothing_back()
    {
        var queue = await QueueWithThreeEventsAsync("killed");
        await using var _ = queue;

        var killed = queue.Receiver("silo-a");
        var read = await killed.GetQueueMessagesAsync(10);
        await killed.MessagesDeliveredAsync([read[0]]);
        var next = queue.Receiver("silo-b");
        var takenOver = await next.GetQueueMessagesAsync(10);
        takenOver.SelectMany(m => m.GetEvents<string>().Select(e => e.Item1)).Should().Equal("event-1", "event-2");

        await next.MessagesDeliveredAsync(takenOver);
        // What silo-a delivered as it died is reported after silo-b's round: the cursor stays.
        await killed.MessagesDeliveredAsync([read[1]]);

        (await queue.Receiver("silo-c").GetQueueMessagesAsync(10)).Should().BeEmpty("silo-b delivered everything");
    }

    [Fact]
    public async Task Rows_the_cursor_passed_are_deleted_in_one_range_and_the_rest_stay()
    {
        var queue = await QueueWithThreeEventsAsync("trim");
        await using var _ = queue;
        var reader = queue.Receiver("silo-a", trimInterval: TimeSpan.Zero);
        var read = await reader.GetQueueMessagesAsync(10);

        await reader.MessagesDeliveredAsync([read[0], read[1]]);

        (await queue.SequenceNumbersAsync()).Should().Equal(read[2].SequenceToken.SequenceNumber);
    }

    private async Task<Queue> QueueWithThreeEventsAsync(string name)
    {
        var database = await server.CreateDatabaseAsync(name);
        await new SchemaMigration(database).ApplyAsync();
        var dataSource = NpgsqlDataSource.Create(database);
        var serializer = new ServiceCollection()
            .AddSerializer(s => s.AddAssembly(typeof(PostgresBatchContainer).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer<PostgresBatchContainer>>();
        var partitions = new QueuePartitions("handover", 1);
        await using (var writer = new EventQueueWriter(dataSource, partitions, serializer, 100))
        {
            for (var i = 0; i < 3; i++)
            {
                await writer.RequeueAsync(new PostgresBatchContainer { StreamId = StreamId.Create("handover", "DLR-handover"), Events = [$"event-{i}"] });
            }
        }

        return new Queue(dataSource, new QueueTable(dataSource), serializer);
    }

    private sealed record Queue(NpgsqlDataSource DataSource, QueueTable Table, Serializer<PostgresBatchContainer> Serializer) : IAsyncDisposable
    {
        // Polling never paused (no idle back-off), so that each read asks the database; trimming
        // only when a test asks for it.
        public PostgresQueueAdapterReceiver Receiver(string reader, TimeSpan? trimInterval = null) =>
            new(Partition, Table, Serializer, reader,
                new QueueTrimming(trimInterval ?? TimeSpan.FromHours(1), TimeProvider.System),
                new IdlePolling(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System));

        public async Task<List<long>> SequenceNumbersAsync()
        {
            await using var command = DataSource.CreateCommand("SELECT seq FROM pitstop_event_queue ORDER BY seq");
            var seqs = new List<long>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                seqs.Add(reader.GetInt64(0));
            }

            return seqs;
        }

        public ValueTask DisposeAsync() => DataSource.DisposeAsync();
    }
}
