namespace Pitstop.Grains.Interfaces.Configuration;

/// <summary>
/// What API nodes of the release before program versions ask for <c>GET /api/v1/program</c>: kept so
/// that they keep answering while a rolling upgrade replaces them (decisions.md, program versions).
/// This release's nodes read <see cref="IProgramVersionsGrain"/>; remove this once no such node runs.
/// </summary>
[Alias("pitstop.IProgramGrain")]
public interface IProgramGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>The program document as JSON (camelCase): the version in force now for everyone.</summary>
    [Alias("document")]
    Task<string> DocumentAsync();
}
