namespace Pitstop.Grains.Interfaces.Dealerships;

/// <summary>
/// The list of registered dealerships, so the intake can reject events of unknown ones with one
/// call per batch instead of one per event. A single activation (key <see cref="Key"/>).
/// </summary>
[Alias("pitstop.IDealershipDirectoryGrain")]
public interface IDealershipDirectoryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [Alias("add")]
    Task AddAsync(string dealershipId, DealershipProfile profile);

    /// <summary>Those of the given ids that are not registered.</summary>
    [ReadOnly, Alias("unknown")]
    Task<IReadOnlySet<string>> FindUnknownAsync(IReadOnlyCollection<string> dealershipIds);

    /// <summary>Every registered dealership and its profile.</summary>
    [ReadOnly, Alias("list")]
    Task<IReadOnlyDictionary<string, DealershipProfile>> ListAsync();
}
