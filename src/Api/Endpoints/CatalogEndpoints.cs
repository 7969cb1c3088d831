using Pitstop.Api.Intake;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Api.Endpoints;

/// <summary>The rewards catalog (api.md, program.md: redemption).</summary>
public static class CatalogEndpoints
{
    // A reward worth more than ₹1 crore is a typing error, not a reward.
    private const int MaxCost = 10_000_000;
    private const int MaxStock = 1_000_000;

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api)
    {
        api.MapPut("/catalog/items/{id}", PutAsync).WithTags("Catalog").WithName("PutCatalogItem")
            .WithDescription("Creates or replaces the item: name, category, points cost, and optionally its stock and the minimum tier a customer needs to redeem it. Admins only.")
            .WithSummary("Create or replace a catalog item").Accepts<ItemBody>("application/json").Produces<CatalogItem>().ProducesValidationProblem()
            .RequireAuthorization(Policies.Admin);
        api.MapGet("/catalog", ListAsync).WithTags("Catalog").WithName("ListCatalog")
            .WithDescription("Every catalog item, or those of one category (?category=). Any credential.")
            .WithSummary("The catalog, optionally of one category").Produces<IReadOnlyList<CatalogItem>>().ProducesValidationProblem();
        return api;
    }

    /// <summary>
    /// A catalog item: <c>category</c> one of dining | wellness | adventure | lifestyle | accessories |
    /// service | cash; <c>stock</c> absent for unlimited; <c>minimumTier</c> silver | gold | platinum.
    /// </summary>
    public sealed record ItemBody(string Name, string Category, int PointsCost, int? Stock, string? MinimumTier);

    private static async Task<IResult> PutAsync(string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        var (item, problem) = await JsonBody.ReadObjectAsync(
            request,
            reader => new CatalogItem(
                id,
                reader.Text("name"),
                reader.Choice("category", WireVocabularies.RewardCategories),
                reader.Int("pointsCost", 1, MaxCost),
                reader.OptionalInt("stock", 0, MaxStock),
                reader.OptionalChoice("minimumTier", WireVocabularies.Tiers)),
            cancellation);
        return item is null ? problem! : TypedResults.Ok(await grains.Reference<ICatalogGrain>(ICatalogGrain.Key).PutAsync(item));
    }

    private static async Task<IResult> ListAsync(string? category, IGrainFactory grains)
    {
        RewardCategory? filter = null;
        if (category is not null)
        {
            if (!WireVocabularies.RewardCategories.TryParse(category, out var parsed))
            {
                return Problems.Invalid(FieldErrors.Of("category", $"must be one of {WireVocabularies.RewardCategories.Spellings}"));
            }

            filter = parsed;
        }

        return TypedResults.Ok(await grains.Reference<ICatalogGrain>(ICatalogGrain.Key).ListAsync(filter));
    }
}
