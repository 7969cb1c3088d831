using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Pitstop.Grains.Ledger;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Silo.Hosting;
using Pitstop.Silo.Storage;

namespace Pitstop.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public class BatchedGrainStorageTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddSerializer().AddMetrics().BuildServiceProvider();
    private BatchedGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        var database = await server.CreateDatabaseAsync("storage");
        await new SchemaMigration(database).ApplyAsync();
        _storage = new BatchedGrainStorage(database, "test", Services.GetRequiredService<Serializer>(), new PointsMetrics(Services.GetRequiredService<IMeterFactory>()));
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task A_written_state_reads_back_with_its_version()
    {
        var id = GrainId.Create("customer", "C-1");
        await _storage.WriteStateAsync("s", id, new GrainState<List<int>>([1, 2, 3]));

        var read = new GrainState<List<int>>([]);
        await _storage.ReadStateAsync("s", id, read);

        read.State.Should().Equal(1, 2, 3);
        read.RecordExists.Should().BeTrue();
        read.ETag.Should().Be("1");
    }

    [Fact]
    public async Task A_write_with_a_stale_version_fails_and_changes_nothing()
    {
        var id = GrainId.Create("customer", "C-2");
        var first = new GrainState<List<int>>([1]);
        await _storage.WriteStateAsync("s", id, first);
        var stale = new GrainState<List<int>>([9]) { ETag = first.ETag };
        await _storage.WriteStateAsync("s", id, first);

        var write = () => _storage.WriteStateAsync("s", id, stale);

        await write.Should().ThrowAsync<InconsistentStateException>();
        var read = new GrainState<List<int>>([]);
        await _storage.ReadStateAsync("s", id, read);
        read.State.Should().Equal(1);
        read.ETag.Should().Be("2");
    }

    [Fact]
    public async Task A_first_write_over_an_existing_row_fails()
    {
        var id = GrainId.Create("customer", "C-3");
        await _storage.WriteStateAsync("s", id, new GrainState<List<int>>([1]));

        var write = () => _storage.WriteStateAsync("s", id, new GrainState<List<int>>([2]));

        await write.Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_all_land()
    {
        var states = Enumerable.Range(0, 2_000).Select(i => (Id: GrainId.Create("staff", $"S-{i}"), State: new GrainState<List<int>>([i]))).ToList();

        await Task.WhenAll(states.Select(s => _storage.WriteStateAsync("s", s.Id, s.State)));
        await Task.WhenAll(states.Select(s => _storage.WriteStateAsync("s", s.Id, s.State)));

        var reads = states.Select(s => (s.Id, Read: new GrainState<List<int>>([]))).ToList();
        await Task.WhenAll(reads.Select(r => _storage.ReadStateAsync("s", r.Id, r.Read)));
        reads.Select(r => r.Read.State!.Single()).Should().Equal(Enumerable.Range(0, 2_000));
        reads.Should().OnlyContain(r => r.Read.ETag == "2");
    }

    [Fact]
    public async Task A_cleared_state_reads_as_absent_and_keeps_its_version()
    {
        var id = GrainId.Create("customer", "C-4");
        var state = new GrainState<List<int>>([1]);
        await _storage.WriteStateAsync("s", id, state);

        await _storage.ClearStateAsync("s", id, state);

        var read = new GrainState<List<int>>([]);
        await _storage.ReadStateAsync("s", id, read);
        read.RecordExists.Should().BeFalse();
        read.ETag.Should().Be("2");
        read.State.Should().BeEmpty();
    }
}
