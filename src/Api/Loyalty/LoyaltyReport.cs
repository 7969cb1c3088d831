using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Api.Loyalty;

/// <summary>
/// Builds <see cref="LoyaltyAnalytics"/> from what the engine keeps: the tier censuses, the
/// journal's customer flows and each covered dealership's loyalty months. Months and dealerships
/// add up because only counts are kept; the city is the dealership's, as registered.
/// </summary>
public static class LoyaltyReport
{
    /// <param name="dealerships">The covered dealerships and their profiles.</param>
    /// <param name="months">The trend's months, oldest first; the last is the month reported.</param>
    /// <param name="figures">Each covered dealership's loyalty figures by month; a month missing counts nothing.</param>
    public static LoyaltyAnalytics Build(
        string? dealershipId, string? state, IReadOnlyDictionary<string, DealershipProfile> dealerships, IReadOnlyList<string> months,
        TierCounts tiers, CustomerPointsFlow flows, IReadOnlyDictionary<(string Dealership, string Month), LoyaltyMonth> figures)
    {
        var month = months[^1];
        var none = new LoyaltyMonth(
            new Dictionary<Tier, long>(), new Dictionary<Tier, long>(), new Dictionary<Tier, long>(), new Dictionary<RewardCategory, CategoryRedemptions>(), 0, 0, 0);
        LoyaltyMonth Of(string dealership, string m) => figures.GetValueOrDefault((dealership, m)) ?? none;

        var moves = months.Select(m =>
        {
            var all = dealerships.Keys.Select(d => Of(d, m)).ToList();
            var upgrades = Sum(all.Select(f => f.Upgrades));
            var renewals = Sum(all.Select(f => f.Renewals));
            return new TierMovesMonth(m, Total(upgrades), Total(renewals), upgrades, renewals, Sum(all.Select(f => f.Downgrades)));
        }).ToList();

        var reported = dealerships.Select(d => (Profile: d.Value, Figures: Of(d.Key, month))).ToList();
        // A category or city whose redemptions were all cancelled is left out, like one with none.
        var byCategory = reported.SelectMany(d => d.Figures.Redemptions)
            .GroupBy(c => c.Key).OrderBy(g => g.Key)
            .Select(g => (Category: g.Key, Sum: Merge(g.Select(c => c.Value))))
            .Where(c => c.Sum != CategoryRedemptions.None)
            .Select(c => new CategoryFigures(c.Category, c.Sum.Redemptions, c.Sum.Points)).ToList();
        var byCity = reported.GroupBy(d => (d.Profile.City, d.Profile.State))
            .OrderBy(g => g.Key.State, StringComparer.Ordinal).ThenBy(g => g.Key.City, StringComparer.Ordinal)
            .Select(g => (g.Key.City, g.Key.State, Sum: Merge(g.SelectMany(d => d.Figures.Redemptions.Values))))
            .Where(c => c.Sum != CategoryRedemptions.None)
            .Select(c => new CityFigures(c.City, c.State, c.Sum.Redemptions, c.Sum.Points)).ToList();
        var total = Merge(reported.SelectMany(d => d.Figures.Redemptions.Values));

        return new LoyaltyAnalytics(
            month, dealershipId, state, tiers.Customers, new TierFigures(tiers.Silver, tiers.Gold, tiers.Platinum),
            flows.Issued, flows.Redeemed, flows.Issued == 0 ? null : (double)flows.Redeemed / flows.Issued,
            moves,
            new RedemptionFigures(total.Redemptions, total.Points, byCategory, byCity),
            new ReferralFigures(
                reported.Sum(d => d.Figures.ReferralCodesIssued), reported.Sum(d => d.Figures.ReferralsConverted), reported.Sum(d => d.Figures.ReferralPoints)));
    }

    private static TierFigures Sum(IEnumerable<IReadOnlyDictionary<Tier, long>> counts)
    {
        var all = counts.ToList();
        long Of(Tier tier) => all.Sum(c => c.GetValueOrDefault(tier));
        return new TierFigures(Of(Tier.Silver), Of(Tier.Gold), Of(Tier.Platinum));
    }

    private static long Total(TierFigures f) => f.Silver + f.Gold + f.Platinum;

    private static CategoryRedemptions Merge(IEnumerable<CategoryRedemptions> all) => all.Aggregate(CategoryRedemptions.None, (sum, c) => sum.Plus(c));
}
