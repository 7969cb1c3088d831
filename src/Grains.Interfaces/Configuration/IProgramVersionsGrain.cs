namespace Pitstop.Grains.Interfaces.Configuration;

/// <summary>
/// The program's versions (api.md, <c>PUT /api/v1/program</c>): version 1 is the silos'
/// configuration, in force since the beginning of time; each later one is a whole program document
/// in force from its <see cref="ProgramVersion.EffectiveFrom"/>, for everyone or for a pilot's
/// scope. A single activation (key <see cref="Key"/>); the silos decide events with their copy.
/// </summary>
[Alias("pitstop.IProgramVersionsGrain")]
public interface IProgramVersionsGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Stores a new version, unless its <see cref="ProgramVersionDraft.EffectiveFrom"/> is too soon for every silo to know it in time.</summary>
    [Alias("add")]
    Task<ProgramVersionWrite> AddAsync(ProgramVersionDraft draft);

    /// <summary>Every version, oldest first.</summary>
    [Alias("list")]
    Task<IReadOnlyList<ProgramVersion>> ListAsync();

    /// <summary>
    /// Takes <paramref name="later"/>, the versions another engine stored after its version 1, as
    /// they were stored there: a simulation's silo replays archived events under the versions that
    /// were in force. Refused by an engine holding versions of its own. No route calls it.
    /// </summary>
    [Alias("seed")]
    Task SeedAsync(IReadOnlyList<ProgramVersion> later);
}

/// <summary>
/// Where a piloted version applies: events of the listed dealerships, and of dealerships in the listed
/// states (by the directory), that occur before <see cref="Until"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.ProgramPilot")]
public sealed record ProgramPilot(
    [property: Id(0)] IReadOnlyList<string> Dealerships,
    [property: Id(1)] IReadOnlyList<string> States,
    [property: Id(2)] DateTimeOffset Until);

/// <summary>A version as an admin sends it: the program document (JSON, the shape <c>GET /api/v1/program</c> serves), when it starts, and where.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ProgramVersionDraft")]
public sealed record ProgramVersionDraft(
    [property: Id(0)] string Document,
    [property: Id(1)] DateTimeOffset EffectiveFrom,
    [property: Id(2)] ProgramPilot? Pilot,
    [property: Id(3)] string CreatedBy);

/// <summary>A stored version: its number (1, 2, …), the document and when and by whom it was stored.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ProgramVersion")]
public sealed record ProgramVersion(
    [property: Id(0)] int Number,
    [property: Id(1)] string Document,
    [property: Id(2)] DateTimeOffset EffectiveFrom,
    [property: Id(3)] ProgramPilot? Pilot,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy);

/// <summary>The stored version, or the earliest <c>effectiveFrom</c> the versions grain would take now.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ProgramVersionWrite")]
public sealed record ProgramVersionWrite(
    [property: Id(0)] ProgramVersion? Stored,
    [property: Id(1)] DateTimeOffset EarliestEffectiveFrom);
