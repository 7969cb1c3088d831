namespace Pitstop.Grains.Interfaces.Configuration;

/// <summary>
/// The program in force, as the silos run it (api.md, <c>GET /api/v1/program</c>). Asked of the
/// cluster rather than read from the API's own configuration: in PostgreSQL mode the silos' settings
/// are the ones that earn, whatever an API node was started with.
/// </summary>
[Alias("pitstop.IProgramGrain")]
public interface IProgramGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>The program document as JSON (camelCase), ready to serve.</summary>
    [Alias("document")]
    Task<string> DocumentAsync();
}
