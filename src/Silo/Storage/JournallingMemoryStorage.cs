using Orleans.Storage;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.Outbox;

namespace Pitstop.Silo.Storage;

/// <summary>
/// The embedded mode's grain storage: Orleans' memory storage, journalling an
/// <see cref="IJournalledState"/>'s ledger entries once the state is stored, as
/// <see cref="BatchedGrainStorage"/> does in the statement that stores it. Grains then run the same
/// code in both modes. (Both are gone with the process, so nothing can fall between the two.)
/// </summary>
internal sealed class JournallingMemoryStorage(IGrainStorage memory, ILedgerJournal journal, PointsMetrics metrics) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        memory.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Taken before the memory storage serializes the state: the stored copy holds none of them.
        var entries = JournalledEntries.Take(grainState.State);
        try
        {
            await memory.WriteStateAsync(stateName, grainId, grainState);
        }
        catch
        {
            entries.Failed();
            throw;
        }

        await journal.AppendAsync(entries.Entries);
        entries.Committed(metrics);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        memory.ClearStateAsync(stateName, grainId, grainState);
}
