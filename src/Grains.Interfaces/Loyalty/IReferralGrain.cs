namespace Pitstop.Grains.Interfaces.Loyalty;

/// <summary>
/// The referral of one referee (key: the referee's customer id). The first conversion to claim it is
/// the one rewarded, forever; the dealership's router claims a delivery's conversions in stream order
/// before the customers apply them, so that the first in stream order wins. The referrer and the
/// referee then ask about the same conversion and get the same answer however often they ask.
/// </summary>
[Alias("pitstop.IReferralGrain")]
public interface IReferralGrain : IGrainWithStringKey
{
    /// <summary>Claims the referee for the conversion <paramref name="eventKey"/> (source:id) by <paramref name="referrerId"/>.</summary>
    [Alias("claim")]
    Task<ReferralClaim> ClaimAsync(string eventKey, string referrerId);
}

/// <summary>Whether the conversion asked about is the rewarded one, and which conversion is.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ReferralClaim")]
public sealed record ReferralClaim(
    [property: Id(0)] bool Rewarded,
    [property: Id(1)] string RewardedEventKey,
    [property: Id(2)] string RewardedReferrerId);
