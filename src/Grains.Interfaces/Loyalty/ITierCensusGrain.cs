namespace Pitstop.Grains.Interfaces.Loyalty;

/// <summary>
/// The tiers of one slice of a dealership's customers (key <c>{dealershipId}|{slice}</c>, see
/// <see cref="TierCensus"/>), for the loyalty analytics. Each customer tells its slice its tier
/// when it first has a home dealership and whenever its tier changes; the slice keeps a tier per
/// customer, so telling it twice counts once.
/// </summary>
[Alias("pitstop.ITierCensusGrain")]
public interface ITierCensusGrain : IGrainWithStringKey
{
    [Alias("count")]
    Task CountAsync(string customerId, Tier tier);

    [ReadOnly, Alias("counts")]
    Task<TierCounts> CountsAsync();
}

/// <summary>Customers by tier.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.TierCounts")]
public sealed record TierCounts([property: Id(0)] long Silver, [property: Id(1)] long Gold, [property: Id(2)] long Platinum)
{
    public static readonly TierCounts None = new(0, 0, 0);

    public long Customers => Silver + Gold + Platinum;

    public TierCounts Plus(TierCounts other) => new(Silver + other.Silver, Gold + other.Gold, Platinum + other.Platinum);
}

/// <summary>
/// How a dealership's census is sliced: a few thousand customers per dealership would make one
/// grain's state (and each of its writes) large; a slice holds a sixteenth.
/// </summary>
public static class TierCensus
{
    public const int Slices = 16;

    public static string KeyOf(string dealershipId, string customerId) => $"{dealershipId}|{SliceOf(customerId)}";

    public static IEnumerable<string> KeysOf(string dealershipId) => Enumerable.Range(0, Slices).Select(s => $"{dealershipId}|{s}");

    private static int SliceOf(string customerId) => KeySlices.SliceOf(customerId, Slices);
}
