using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Wallets;

namespace Pitstop.Grains.Loyalty;

/// <summary>What a customer redeemed of each experience category: the recovery's category follows it.</summary>
public static class RedeemedExperiences
{
    /// <summary>Items redeemed (not cancelled) per experience category.</summary>
    public static Dictionary<ExperienceCategory, int> Of(IEnumerable<Redemption> redemptions) => redemptions
        .Where(r => r.Status != RedemptionStatus.Cancelled)
        .Select(r => (Experience: ExperienceOf(r.Category), r.Quantity))
        .Where(r => r.Experience is not null)
        .GroupBy(r => r.Experience!.Value)
        .ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));

    // The catalog's categories that are experiences (the others: accessories, service, cash).
    private static ExperienceCategory? ExperienceOf(RewardCategory? category) => category switch
    {
        RewardCategory.Dining => ExperienceCategory.Dining,
        RewardCategory.Wellness => ExperienceCategory.Wellness,
        RewardCategory.Adventure => ExperienceCategory.Adventure,
        RewardCategory.Lifestyle => ExperienceCategory.Lifestyle,
        _ => null,
    };
}
