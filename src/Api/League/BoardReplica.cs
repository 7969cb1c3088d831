using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.League;

namespace Pitstop.Api.League;

/// <summary>
/// An API node's copy of one leaderboard, so that a league query costs no call into the cluster
/// while the copy is fresh: a read older than <c>maxAge</c> first pulls what changed since the last
/// pull (<see cref="ILeaderboardGrain.ChangesSinceAsync"/>); concurrent stale reads share one pull.
/// Thread-safe: reads and the application of a pull take the same lock, each for microseconds.
/// </summary>
public sealed class BoardReplica(Func<LeaderboardCursor, Task<LeaderboardChanges>> pull, TimeProvider time, TimeSpan maxAge)
{
    private readonly Lock _gate = new();
    private BoardListing _listing = new();
    private LeaderboardCursor _cursor = LeaderboardCursor.Start;
    private long? _pulledAt;  // when the last successful pull started (TimeProvider timestamp)
    private Task? _pulling;

    /// <summary>Answers <paramref name="query"/> from a copy no older than the replica's maximum age (plus one pull).</summary>
    public async ValueTask<T> ReadAsync<T>(Func<BoardListing, T> query)
    {
        Task pulling;
        lock (_gate)
        {
            if (_pulledAt is { } pulledAt && time.GetElapsedTime(pulledAt) < maxAge)
            {
                return query(_listing);
            }

            if (_pulling is null || _pulling.IsCompleted)
            {
                _pulling = PullAsync();
            }

            pulling = _pulling;
        }

        // A failed pull fails the reads that waited for it; the next read pulls again.
        await pulling;
        lock (_gate)
        {
            return query(_listing);
        }
    }

    private async Task PullAsync()
    {
        var started = time.GetTimestamp();
        LeaderboardCursor since;
        lock (_gate)
        {
            since = _cursor;
        }

        var changes = await pull(since).ConfigureAwait(false);
        lock (_gate)
        {
            if (changes.IsSnapshot)
            {
                _listing = new BoardListing();
            }

            foreach (var score in changes.Scores)
            {
                _listing.Set(score);
            }

            _cursor = changes.Cursor;
            _pulledAt = started;
        }
    }
}
