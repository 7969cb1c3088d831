using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Streams;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// A silo that stops gracefully hands its queue partitions over at once: the leases its receiver
/// holds on messages not yet delivered are released, so the partition's next owner reads them
/// without waiting for the leases (30 s) to run out. Delivered messages stay delivered. A silo
/// killed cannot release anything: its leases are void once the membership declares it dead.
/// </summary>
[Collection(PostgresCollection.Name)]
public class QueueHandOverTests(PostgresServer server)
{
    private const int Partition = 0;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_receiver_shut_down_releases_its_undelivered_leases_to_the_next_owner()
    {
        var (dataSource, table, serializer) = await QueueWithThreeEventsAsync("handover");
        await using var _ = dataSource;

        var stopping = Receiver(table, serializer, "silo-a");
        var read = await stopping.GetQueueMessagesAsync(10);
        read.Should().HaveCount(3);
        await stopping.MessagesDeliveredAsync([read[0]]);
        var next = Receiver(table, serializer, "silo-b");
        (await next.GetQueueMessagesAsync(10)).Should().BeEmpty("the stopping receiver still holds its leases");

        await stopping.Shutdown(TimeSpan.FromSeconds(5));

        var handedOver = await next.GetQueueMessagesAsync(10);
        handedOver.Select(m => m.SequenceToken.SequenceNumber).Should().Equal(read.Skip(1).Select(m => m.SequenceToken.SequenceNumber));
        handedOver.SelectMany(m => m.GetEvents<string>().Select(e => e.Item1)).Should().Equal("event-1", "event-2");
    }

    [Fact]
    public async Task The_leases_of_a_silo_declared_dead_are_void_and_its_late_deliveries_delete_nothing()
    {
        var (dataSource, table, serializer) = await QueueWithThreeEventsAsync("deadlease");
        await using var _ = dataSource;
        var dead = new List<string>();

        var killed = Receiver(table, serializer, "silo-a", dead);
        var read = await killed.GetQueueMessagesAsync(10);
        read.Should().HaveCount(3);
        await killed.MessagesDeliveredAsync([read[0]]);
        var next = Receiver(table, serializer, "silo-b", dead);
        (await next.GetQueueMessagesAsync(10)).Should().BeEmpty("silo-a is alive and holds its leases");

        dead.Add("silo-a");

        var takenOver = await next.GetQueueMessagesAsync(10);
        takenOver.SelectMany(m => m.GetEvents<string>().Select(e => e.Item1)).Should().Equal("event-1", "event-2");
        // A delivery silo-a finished as it was declared dead deletes nothing silo-b holds.
        await killed.MessagesDeliveredAsync([.. read.Skip(1)]);
        await next.MessagesDeliveredAsync(takenOver);
        (await Receiver(table, serializer, "silo-c").GetQueueMessagesAsync(10)).Should().BeEmpty("silo-b delivered everything");
    }

    private async Task<(NpgsqlDataSource DataSource, QueueTable Table, Serializer<PostgresBatchContainer> Serializer)> QueueWithThreeEventsAsync(string name)
    {
        var database = await server.CreateDatabaseAsync(name);
        await new SchemaMigration(database).ApplyAsync();
        var dataSource = NpgsqlDataSource.Create(database);
        var table = new QueueTable(dataSource);
        var serializer = new ServiceCollection()
            .AddSerializer(s => s.AddAssembly(typeof(PostgresBatchContainer).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer<PostgresBatchContainer>>();
        await table.InsertAsync(
            [.. Enumerable.Range(0, 3).Select(i => (Partition, serializer.SerializeToArray(new PostgresBatchContainer
            {
                StreamId = StreamId.Create("handover", "DLR-handover"),
                Events = [$"event-{i}"],
            })))],
            CancellationToken.None);
        return (dataSource, table, serializer);
    }

    // Polling never paused (no idle back-off), so that each read asks the database.
    private static PostgresQueueAdapterReceiver Receiver(
        QueueTable table, Serializer<PostgresBatchContainer> serializer, string holder, List<string>? deadHolders = null) =>
        new(Partition, table, serializer, Lease, new QueueLeaseHolders(holder, () => [.. deadHolders ?? []]), new IdlePolling(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System));
}
