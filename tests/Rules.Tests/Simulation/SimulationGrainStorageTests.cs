using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Pitstop.Grains.Ledger;
using Pitstop.Silo.Storage;

namespace Pitstop.Rules.Tests.Simulation;

public class SimulationGrainStorageTests
{
    private const string StateName = "budget";

    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(BudgetState).Assembly))
        .BuildServiceProvider();

    private static readonly GrainId Budget = GrainId.Create("budget", "DLR-1");

    private readonly SimulationGrainStorage _storage = new(Services.GetRequiredService<DeepCopier>(), Services.GetRequiredService<IActivatorProvider>());

    [Fact]
    public async Task A_grain_reading_its_state_again_finds_what_it_wrote_not_what_it_changed_since()
    {
        var written = new GrainState<BudgetState>(new BudgetState { Available = 700, Month = "2026-11" });
        await _storage.WriteStateAsync(StateName, Budget, written);
        written.State!.Available = 100;

        var read = await ReadAsync();
        read.State!.Available = 5;

        (read.State!.Month, read.RecordExists, read.ETag).Should().Be(("2026-11", true, written.ETag));
        (await ReadAsync()).State!.Available.Should().Be(700, "neither the writer's later change nor a reader's reaches what is stored");
    }

    [Fact]
    public async Task A_state_never_written_or_cleared_reads_as_a_new_one()
    {
        (await ReadAsync()).Should().Match<GrainState<BudgetState>>(s => s.State!.Available == 0 && !s.RecordExists && s.ETag == null);

        var written = new GrainState<BudgetState>(new BudgetState { Available = 700 });
        await _storage.WriteStateAsync(StateName, Budget, written);
        await _storage.ClearStateAsync(StateName, Budget, written);

        (await ReadAsync()).Should().Match<GrainState<BudgetState>>(s => s.State!.Available == 0 && !s.RecordExists && s.ETag == null);
    }

    [Fact]
    public async Task Each_write_stores_a_new_etag()
    {
        var state = new GrainState<BudgetState>(new BudgetState());
        await _storage.WriteStateAsync(StateName, Budget, state);
        var first = state.ETag;

        await _storage.WriteStateAsync(StateName, Budget, state);

        state.ETag.Should().NotBeNull().And.NotBe(first);
    }

    private async Task<GrainState<BudgetState>> ReadAsync()
    {
        // What a new activation holds before it reads: something other than what is stored.
        var state = new GrainState<BudgetState>(new BudgetState { Available = 9 });
        await _storage.ReadStateAsync(StateName, Budget, state);
        return state;
    }
}
