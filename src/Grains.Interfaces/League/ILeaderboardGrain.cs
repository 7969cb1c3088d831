using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Interfaces.League;

/// <summary>
/// One leaderboard of the Pitstop League: a role, a calendar month and a scope, keyed as
/// <see cref="LeaderboardKey"/> says. Held in memory, fed by staff members' month scores, every
/// score persisted before the call returns. Queries are answered by the API nodes' replicas of the
/// board, which ask it only for what changed. Reentrant: a score change updates memory in one turn,
/// so readers and writers interleave safely while writes share database round trips.
/// </summary>
[Alias("pitstop.ILeaderboardGrain")]
public interface ILeaderboardGrain : IGrainWithStringKey
{
    /// <summary>Sets members' scores for the month (absolute, so repeating a change is harmless).</summary>
    [Alias("set")]
    Task SetAsync(IReadOnlyList<LeagueScore> scores);

    /// <summary>
    /// What changed on the board since a replica of it saw <paramref name="since"/>: the changed
    /// members' scores, or every member's when the replica starts, is too far behind, or saw an
    /// earlier activation of the board. Given up after 10 s rather than Orleans' 30 s: all of an API
    /// node's readers of a board wait on its one pull, and a pull lost with a killed silo is never
    /// answered; the next read pulls again.
    /// </summary>
    [ReadOnly, Alias("changes-since"), ResponseTimeout("00:00:10")]
    Task<LeaderboardChanges> ChangesSinceAsync(LeaderboardCursor since);
}

/// <summary>
/// How far a replica of a board has seen it: the board's activation (a new one numbers its changes
/// afresh) and the number of changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.LeaderboardCursor")]
public sealed record LeaderboardCursor([property: Id(0)] Guid Activation, [property: Id(1)] long Version)
{
    /// <summary>The cursor of a replica that has seen nothing yet.</summary>
    public static readonly LeaderboardCursor Start = new(Guid.Empty, 0);
}

/// <summary>Scores to set on a replica (after clearing it, for a snapshot), and the cursor they bring it to.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.LeaderboardChanges")]
public sealed record LeaderboardChanges(
    [property: Id(0)] LeaderboardCursor Cursor,
    [property: Id(1)] bool IsSnapshot,
    [property: Id(2)] IReadOnlyList<LeagueScore> Scores);

/// <summary>A member's score on one board, with what the listing shows of them.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.LeagueScore")]
public sealed record LeagueScore(
    [property: Id(0)] string StaffId,
    [property: Id(1)] long Score,
    [property: Id(2)] string DealershipId,
    [property: Id(3)] string? Name);

[GenerateSerializer, Immutable, Alias("pitstop.LeaderboardEntry")]
public sealed record LeaderboardEntry(
    [property: Id(0)] int Rank,
    [property: Id(1)] string StaffId,
    [property: Id(2)] string? Name,
    [property: Id(3)] string DealershipId,
    [property: Id(4)] long Score);

[GenerateSerializer, Immutable, Alias("pitstop.LeaderboardPage")]
public sealed record LeaderboardPage([property: Id(0)] int Members, [property: Id(1)] IReadOnlyList<LeaderboardEntry> Entries);

/// <summary>
/// The key of a leaderboard grain: <c>{role}|{yyyy-MM}|{scope}</c>, scope being <c>national</c>,
/// <c>state:{code}</c> or <c>dealership:{id}</c>.
/// </summary>
public static class LeaderboardKey
{
    public const string National = "national";

    public static string Of(StaffRole role, string month, string scope) => $"{WireNames.Of(role)}|{month}|{scope}";

    public static string State(string code) => $"state:{code}";

    public static string Dealership(string id) => $"dealership:{id}";

    /// <summary>The three boards a member of <paramref name="dealershipId"/> in <paramref name="state"/> counts on.</summary>
    public static IEnumerable<string> ScopesOf(string dealershipId, string? state) =>
        state is null ? [Dealership(dealershipId), National] : [Dealership(dealershipId), State(state), National];
}
