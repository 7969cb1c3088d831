using System.Globalization;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Outbox;
using Pitstop.Silo.Postgres;

namespace Pitstop.Silo.Storage;

/// <summary>
/// Grain storage for the grains every event touches. Orleans' ADO.NET provider spends one database
/// round trip and one commit per grain write; here the reads and writes of all grains of a silo
/// that happen at the same moment share one statement (group commit), which is what lets
/// ingestion keep up with a service network's traffic. State is Orleans' binary serialization.
/// The ledger entries of a state's outbox (<see cref="IJournalledState"/>) are taken out before it
/// is serialized and inserted into the journal by the statement that writes it: an entry is in the
/// journal exactly when its state is stored, and never held in a stored state.
/// </summary>
public sealed class BatchedGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const int MaxBatch = 1_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Serializer _serializer;
    private readonly PointsMetrics _metrics;
    private readonly GroupCommit<StateKey, StoredState?> _reads;
    private readonly GroupCommit<StateWrite, long?> _writes;

    public BatchedGrainStorage(string connectionString, string serviceId, Serializer serializer, PointsMetrics metrics)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _serializer = serializer;
        _metrics = metrics;
        var table = new GrainStateTable(_dataSource, serviceId);
        _reads = new GroupCommit<StateKey, StoredState?>(table.ReadAsync, MaxBatch, concurrency: 2);
        _writes = new GroupCommit<StateWrite, long?>(table.WriteAsync, MaxBatch, concurrency: 2);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await _reads.SubmitAsync(new StateKey(grainId.ToString(), stateName));
        grainState.ETag = stored?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored?.Payload is not null;
        if (stored?.Payload is { } payload)
        {
            grainState.State = _serializer.Deserialize<T>(payload);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Taken right before serializing, on the grain's scheduler (no grain code runs in between):
        // the payload holds none of them, and the journal gets exactly those it lacks.
        var entries = JournalledEntries.Take(grainState.State);
        try
        {
            await WriteAsync(stateName, grainId, grainState, _serializer.SerializeToArray(grainState.State), entries.Entries);
        }
        catch
        {
            entries.Failed();
            throw;
        }

        entries.Committed(_metrics);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await WriteAsync(stateName, grainId, grainState, null, []);
        grainState.RecordExists = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync();
        await _writes.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private async Task WriteAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, byte[]? payload, IReadOnlyList<LedgerEntry> entries)
    {
        long? expected = grainState.ETag is null ? null : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var version = await _writes.SubmitAsync(new StateWrite(new StateKey(grainId.ToString(), stateName), expected, payload, entries))
            ?? throw new InconsistentStateException($"State {stateName} of {grainId} was written by someone else.", grainState.ETag, "unknown");
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
    }
}
