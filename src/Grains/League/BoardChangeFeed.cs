using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.League;

/// <summary>
/// A leaderboard as its grain holds it: the listing and its last changes, numbered within this
/// activation, so that a replica is sent only what changed since it last asked
/// (<see cref="ILeaderboardGrain.ChangesSinceAsync"/>). Not thread-safe.
/// </summary>
public sealed class BoardChangeFeed(int capacity = BoardChangeLog.DefaultCapacity)
{
    private readonly BoardChangeLog _changes = new(capacity);

    // Versions count from this activation's start: a replica of an earlier one starts again.
    private readonly Guid _activation = Guid.NewGuid();

    public BoardListing Listing { get; } = new();

    /// <summary>A score the board held before this activation (read from storage): no change to tell.</summary>
    public void Load(LeagueScore score) => Listing.Set(score);

    public void Set(LeagueScore score)
    {
        Listing.Set(score);
        _changes.Record(score.StaffId);
    }

    public LeaderboardChanges ChangesSince(LeaderboardCursor since)
    {
        var cursor = new LeaderboardCursor(_activation, _changes.Version);
        var changed = since.Activation == _activation ? _changes.ChangedSince(since.Version) : null;
        return changed is null
            ? new LeaderboardChanges(cursor, IsSnapshot: true, Listing.Snapshot())
            : new LeaderboardChanges(cursor, IsSnapshot: false, [.. changed.Select(m => Listing.ScoreOf(m)!)]);
    }
}
