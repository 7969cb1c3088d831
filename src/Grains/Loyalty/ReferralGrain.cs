using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// The referral of one referee (see <see cref="IReferralGrain"/>). It calls no other grain, so the
/// two customers of a conversion can wait on it from inside their own turns without ever waiting
/// on each other.
/// </summary>
public sealed class ReferralGrain(
    [PersistentState("referral", StorageNames.Grains)] IPersistentState<ReferralState> state)
    : Grain, IReferralGrain
{
    public async Task<ReferralClaim> ClaimAsync(string eventKey, string referrerId)
    {
        if (state.State.RewardedEventKey is null)
        {
            state.State.RewardedEventKey = eventKey;
            state.State.RewardedReferrerId = referrerId;
            await state.WriteOrReloadAsync(this);
        }

        return new ReferralClaim(state.State.RewardedEventKey == eventKey, state.State.RewardedEventKey, state.State.RewardedReferrerId!);
    }
}

[GenerateSerializer, Alias("pitstop.ReferralState")]
public sealed class ReferralState
{
    [Id(0)] public string? RewardedEventKey { get; set; }

    [Id(1)] public string? RewardedReferrerId { get; set; }
}
