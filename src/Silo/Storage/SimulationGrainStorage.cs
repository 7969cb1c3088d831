using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Pitstop.Silo.Storage;

/// <summary>
/// The grain storage of a what-if replay's silo: every state kept in the process as a deep copy
/// (Orleans' generated copiers), with no serialization and no storage grain between a grain and its
/// state — the embedded mode's memory storage pays both on every write. A replay's states live as
/// long as its silo. Copies, not references, keep what the grains rely on of storage: what a grain
/// changed in memory and did not write is gone once it reads its state again.
/// </summary>
public sealed class SimulationGrainStorage(DeepCopier copier, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId Grain), Stored> _states = new();
    private long _version;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var found = _states.TryGetValue((stateName, grainId), out var stored);
        grainState.State = found ? copier.Copy((T)stored!.State) : activators.GetActivator<T>().Create();
        grainState.ETag = stored?.ETag;
        grainState.RecordExists = found;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        _states[(stateName, grainId)] = new Stored(copier.Copy(grainState.State)!, etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _states.TryRemove((stateName, grainId), out _);
        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private sealed record Stored(object State, string ETag);
}
