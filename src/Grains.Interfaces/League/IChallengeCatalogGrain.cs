namespace Pitstop.Grains.Interfaces.League;

/// <summary>
/// The league's challenges (program.md) as data: admins create, edit and close them while the engine
/// runs; the configured ones seed it. One activation (key <see cref="Key"/>); each change moves
/// <see cref="ChallengeCatalog.Version"/>, by which the silos' copies know they are behind.
/// </summary>
[Alias("pitstop.IChallengeCatalogGrain")]
public interface IChallengeCatalogGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Adds a challenge; the same one again is no change, another under its id is refused as existing.</summary>
    [Alias("create")]
    Task<ChallengeWrite> CreateAsync(Challenge challenge);

    /// <summary>Replaces a challenge, within what <c>ChallengeEdits</c> allows once it has started.</summary>
    [Alias("edit")]
    Task<ChallengeWrite> EditAsync(Challenge challenge);

    /// <summary>Closes a challenge now: events from then on do not count. Closing it again changes nothing.</summary>
    [Alias("close")]
    Task<ChallengeWrite> CloseAsync(string challengeId);

    [ReadOnly, Alias("catalog")]
    Task<ChallengeCatalog> CatalogAsync();
}

public enum ChallengeScopeKind { National, State, Dealership }

/// <summary>Where a challenge runs: the whole network, one state (its code) or one dealership (its id).</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ChallengeScope")]
public sealed record ChallengeScope([property: Id(0)] ChallengeScopeKind Kind, [property: Id(1)] string? Id)
{
    public static readonly ChallengeScope National = new(ChallengeScopeKind.National, null);
}

/// <summary>
/// A challenge: reach <see cref="Target"/> of <see cref="Kpi"/> between <see cref="From"/> and
/// <see cref="To"/> (days in the program's time zone, both counted) within <see cref="Scope"/>, and
/// earn <see cref="Points"/> once. Without dates (configured only) it runs every month, once a month.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.Challenge")]
public sealed record Challenge(
    [property: Id(0)] string ChallengeId,
    [property: Id(1)] string Title,
    [property: Id(2)] LeagueMetric Kpi,
    [property: Id(3)] int Target,
    [property: Id(4)] long Points,
    [property: Id(5)] ChallengeScope Scope,
    [property: Id(6)] DateOnly? From,
    [property: Id(7)] DateOnly? To,
    [property: Id(8)] DateTimeOffset? ClosedAt);

/// <summary>Every challenge, closed ones included, and the version of the catalogue they are.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ChallengeCatalog")]
public sealed record ChallengeCatalog([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<Challenge> Challenges)
{
    public static readonly ChallengeCatalog Empty = new(0, []);
}

public enum ChallengeWriteOutcome { Written, Unchanged, NotFound, Exists, Closed, Started }

/// <summary>
/// What a write did: the challenge as it now stands (null when not found), and for
/// <see cref="ChallengeWriteOutcome.Started"/> the fields that can no longer change.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.ChallengeWrite")]
public sealed record ChallengeWrite(
    [property: Id(0)] ChallengeWriteOutcome Outcome,
    [property: Id(1)] Challenge? Challenge,
    [property: Id(2)] IReadOnlyList<string> RefusedFields);

/// <summary>A member's standing in one challenge in force for them: how far they are towards its target.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ChallengeStanding")]
public sealed record ChallengeStanding(
    [property: Id(0)] Challenge Challenge,
    [property: Id(1)] int Count,
    [property: Id(2)] bool Completed);
