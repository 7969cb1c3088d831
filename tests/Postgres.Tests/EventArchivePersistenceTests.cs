using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Archive;
using Pitstop.Silo.Hosting;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>The event archive's table (Schema/018): group-committed appends, reads by dealership and period, retention.</summary>
[Collection(PostgresCollection.Name)]
public class EventArchivePersistenceTests(PostgresServer server)
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(5.5));

    [Fact]
    public async Task Appends_made_at_once_keep_each_event_once_in_its_chunk_order_and_read_back_whole()
    {
        var database = await server.CreateDatabaseAsync("archive-rounds");
        await new SchemaMigration(database).ApplyAsync();
        await using var archive = new PostgresEventArchive(database, Serializer);

        // Chunk i of dealership i % 3 carries events 2i and 2i + 1; every chunk is sent twice (a retry beside its original).
        var chunks = Enumerable.Range(0, 100).Select(i => (IReadOnlyList<ArchivedEvent>)[Archived(2 * i, $"DLR-{i % 3}"), Archived(2 * i + 1, $"DLR-{i % 3}")]).ToList();
        await Task.WhenAll(chunks.Concat(chunks).Select(archive.AppendAsync));

        var all = await archive.ReadAsync(new ArchiveQuery(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 0, 1_000));
        all.Select(a => a.Event.Id).Should().BeEquivalentTo(Enumerable.Range(0, 200).Select(Id));
        all.Select(a => a.Seq).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        foreach (var chunk in chunks)
        {
            var places = chunk.Select(c => all.Single(a => a.Event.Id == c.Event.Id).Seq).ToList();
            places.Should().BeInAscendingOrder("a chunk keeps its stream order");
        }

        var sample = all.Single(a => a.Event.Id == Id(7));
        sample.Event.Should().BeEquivalentTo(Archived(7, "DLR-0").Event);
        sample.AppliedAt.Should().Be(Archived(7, "DLR-0").AppliedAt);

        // DLR-1's events (chunks 1, 4, 7, …) that occurred in hours [20, 40), read 5 at a time.
        var query = new ArchiveQuery("DLR-1", Start.AddHours(20), Start.AddHours(40), 0, 5);
        var first = await archive.ReadAsync(query);
        var second = await archive.ReadAsync(query with { After = first[^1].Seq });
        first.Should().HaveCount(5);
        first.Concat(second).Select(a => a.Event.Id).Should().Equal(new[] { 20, 21, 26, 27, 32, 33, 38, 39 }.Select(Id));
    }

    [Fact]
    public async Task Trimming_removes_the_events_that_occurred_before_the_cut_only()
    {
        var database = await server.CreateDatabaseAsync("archive-trim");
        await new SchemaMigration(database).ApplyAsync();
        await using var archive = new PostgresEventArchive(database, Serializer);
        await archive.AppendAsync([.. Enumerable.Range(0, 10).Select(i => Archived(i, "DLR-trim"))]);

        var removed = await archive.TrimAsync(Start.AddHours(4));

        removed.Should().Be(4);
        var left = await archive.ReadAsync(new ArchiveQuery(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 0, 100));
        left.Select(a => a.Event.Id).Should().Equal(Enumerable.Range(4, 6).Select(Id));
    }

    [Fact]
    public async Task The_engine_archives_what_its_streams_applied_and_the_archive_outlives_a_restart()
    {
        var database = await server.CreateDatabaseAsync("archive-engine");
        await using var engine = new PostgresEngine(database, silos: 1);
        await engine.StartAsync();
        var traffic = new Traffic(engine.Http, "pgarchive");
        await traffic.RegisterDealershipAsync();
        (await traffic.PostAsync(traffic.CustomerOnlyVisit("pgarchive-2"), Older(traffic.CustomerOnlyVisit("pgarchive-1")))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var path = $"/api/v1/admin/events?dealershipId={traffic.Dealership}";
        await engine.HoldsAsync(() => engine.Http.GetObjectAsync(path), p => p["items"]!.AsArray().Count == 2, TimeSpan.FromSeconds(60));

        await engine.RestartAllAsync();

        var page = await engine.Http.GetObjectAsync(path);
        page["items"]!.AsArray().Select(i => i!["eventId"]!.GetValue<string>()).Should().Equal("pgarchive-1", "pgarchive-2");
        page["items"]![0]!["data"]!["customerId"]!.GetValue<string>().Should().Be(traffic.Customer());
    }

    private static JsonObject Older(JsonObject visit)
    {
        visit["occurredAt"] = Traffic.Time(-20);
        return visit;
    }

    private static string Id(int n) => $"archived-{n}";

    private static ArchivedEvent Archived(int n, string dealershipId) => new(
        0,
        new DmsEvent("dms", Id(n), Start.AddHours(n), dealershipId, new NpsSubmitted($"SV-{n}", $"C-{n}", null, null, n % 11)),
        Start.AddHours(n).AddSeconds(1));
}
