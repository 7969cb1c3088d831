using System.Text.Json.Serialization;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Interfaces.Rewards;

/// <summary>
/// The rewards catalog (program.md, redemption): few items, admin-managed, one activation (key
/// <see cref="Key"/>). Holds stock, reserved per redemption so that a repeated request reserves once.
/// </summary>
[Alias("pitstop.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [Alias("put")]
    Task<CatalogItem> PutAsync(CatalogItem item);

    [ReadOnly, Alias("list")]
    Task<IReadOnlyList<CatalogItem>> ListAsync(RewardCategory? category);

    [ReadOnly, Alias("get")]
    Task<CatalogItem?> GetAsync(string itemId);

    /// <summary>Takes stock for a redemption; false when short. Idempotent on the redemption id.</summary>
    [Alias("reserve")]
    Task<bool> ReserveAsync(string redemptionId, string itemId, int quantity);

    /// <summary>Puts back the stock of a cancelled redemption; a repeat does nothing.</summary>
    [Alias("release")]
    Task ReleaseAsync(string redemptionId);
}

public enum RewardCategory
{
    [JsonStringEnumMemberName("dining")] Dining,
    [JsonStringEnumMemberName("wellness")] Wellness,
    [JsonStringEnumMemberName("adventure")] Adventure,
    [JsonStringEnumMemberName("lifestyle")] Lifestyle,
    [JsonStringEnumMemberName("accessories")] Accessories,
    [JsonStringEnumMemberName("service")] Service,
    [JsonStringEnumMemberName("cash")] Cash,
}

/// <summary>A catalog item. <see cref="Stock"/> null: unlimited. <see cref="MinimumTier"/>: customers of that tier or above only.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.CatalogItem")]
public sealed record CatalogItem(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string Name,
    [property: Id(2)] RewardCategory Category,
    [property: Id(3)] long PointsCost,
    [property: Id(4)] int? Stock,
    [property: Id(5)] Tier? MinimumTier);
