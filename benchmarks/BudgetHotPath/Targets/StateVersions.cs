using Npgsql;

namespace Pitstop.BudgetHotPath.Targets;

/// <summary>
/// Reads a grain's state version from the batched storage's table (Schema/005): it goes up by one
/// per write, so the difference over the run is the number of writes, and awards per write is the
/// group commit at work.
/// </summary>
internal sealed class StateVersions(NpgsqlDataSource dataSource, string serviceId)
{
    public async Task<long?> VersionAsync(GrainId grain, string stateName)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version FROM pitstop_grain_state WHERE service_id = @service AND grain_id = @grain AND state_name = @name");
        command.Parameters.Add(new NpgsqlParameter<string>("service", serviceId));
        // The storage keys rows by GrainId.ToString() (BatchedGrainStorage).
        command.Parameters.Add(new NpgsqlParameter<string>("grain", grain.ToString()));
        command.Parameters.Add(new NpgsqlParameter<string>("name", stateName));
        return await command.ExecuteScalarAsync() is long version ? version : 0;
    }
}
