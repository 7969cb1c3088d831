using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.League;

namespace Pitstop.Api.League;

/// <summary>
/// The API node's replicas of the leaderboards it is asked about (<see cref="BoardReplica"/>), one
/// per board key, dropped when nobody has asked about a board for a while.
/// </summary>
public sealed class LeaderboardReplicas(IGrainFactory grains, IMemoryCache cache, IOptions<LeagueReadOptions> options)
{
    public ValueTask<T> ReadAsync<T>(string boardKey, Func<BoardListing, T> query)
    {
        var replica = cache.GetOrCreate(("leaderboard", boardKey), entry =>
        {
            entry.SlidingExpiration = options.Value.ReplicaIdleExpiry;
            var board = grains.Reference<ILeaderboardGrain>(boardKey);
            // Real time, not the program's clock (which tests may stop): staleness is a matter of wall-clock time.
            return new BoardReplica(board.ChangesSinceAsync, TimeProvider.System, options.Value.ReplicaMaxAge);
        })!;
        return replica.ReadAsync(query);
    }
}
