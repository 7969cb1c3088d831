namespace Pitstop.Grains.Interfaces.Loyalty;

/// <summary>
/// The referral of one referee (key: the referee's customer id). The referrer and the referee each
/// ask it about the same conversion; the first conversion to ask is the one rewarded, forever, and
/// both get the same answer however often they ask (a redelivered event asks again).
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
