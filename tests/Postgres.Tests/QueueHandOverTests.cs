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
/// without waiting for the leases (30 s) to run out. Delivered messages stay delivered.
/// </summary>
[Collection(PostgresCollection.Name)]
public class QueueHandOverTests(PostgresServer server)
{
    private const int Partition = 0;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_receiver_shut_down_releases_its_undelivered_leases_to_the_next_owner()
    {
        var database = await server.CreateDatabaseAsync("handover");
        await new SchemaMigration(database).ApplyAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
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

        var stopping = Receiver(table, serializer);
        var read = await stopping.GetQueueMessagesAsync(10);
        read.Should().HaveCount(3);
        await stopping.MessagesDeliveredAsync([read[0]]);
        var next = Receiver(table, serializer);
        (await next.GetQueueMessagesAsync(10)).Should().BeEmpty("the stopping receiver still holds its leases");

        await stopping.Shutdown(TimeSpan.FromSeconds(5));

        var handedOver = await next.GetQueueMessagesAsync(10);
        handedOver.Select(m => m.SequenceToken.SequenceNumber).Should().Equal(read.Skip(1).Select(m => m.SequenceToken.SequenceNumber));
        handedOver.SelectMany(m => m.GetEvents<string>().Select(e => e.Item1)).Should().Equal("event-1", "event-2");
    }

    // Polling never paused (no idle back-off), so that each read asks the database.
    private static PostgresQueueAdapterReceiver Receiver(QueueTable table, Serializer<PostgresBatchContainer> serializer) =>
        new(Partition, table, serializer, Lease, new IdlePolling(TimeSpan.Zero, TimeSpan.Zero, TimeProvider.System));
}
