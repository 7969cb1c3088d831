using System.Text.Json.Serialization;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Interfaces.Loyalty;

/// <summary>One car owner: wallet and tier. Fed by its dealership's event router; keyed by customer id.</summary>
[Alias("pitstop.ICustomerGrain")]
public interface ICustomerGrain : IEventConsumer, IWalletHolder
{
    /// <summary>The customer as the API shows it, or null for a customer no event has named yet.</summary>
    [ReadOnly, Alias("get")]
    Task<CustomerView?> GetAsync();

    /// <summary>
    /// Links an incident to the customer, who remembers it for the repeat rule and tells it of the
    /// surveys and visits that follow. Idempotent; the answer is the same for the same incident.
    /// </summary>
    [Alias("join-incident")]
    Task<IncidentContext> JoinIncidentAsync(string incidentId, DateTimeOffset openedAt);

    /// <summary>
    /// Receives an incident's recovery award from <paramref name="dealershipId"/>'s budget, in the
    /// experience category the customer's profile and redemptions choose. Idempotent per incident.
    /// </summary>
    [Alias("receive-recovery")]
    Task<RecoveryOutcome> ReceiveRecoveryAsync(string incidentId, long points, string dealershipId);

    /// <summary>
    /// The yearly tier review of <paramref name="day"/>: the tier becomes the one the customer
    /// qualifies for (the only time it can go down). False when the customer no longer needs a
    /// review on that day of the year (Silver, or another review date).
    /// </summary>
    [Alias("review-tier")]
    Task<bool> ReviewTierAsync(DateOnly day);

    /// <summary>
    /// Tells the customer of the points that expire within the program's notice period, once per
    /// expiry day (the expiry sweep calls it; idempotent).
    /// </summary>
    [Alias("warn-expiring")]
    Task WarnExpiringAsync();

    /// <summary>
    /// Records that the referral-code route handed the customer their code, for the loyalty
    /// dashboard: counted once per customer, and only for a customer an event has named.
    /// </summary>
    [Alias("issue-referral-code")]
    Task IssueReferralCodeAsync();

    /// <summary>Replaces the CRM profile (api.md, reference data).</summary>
    [Alias("set-profile")]
    Task<CustomerProfile> SetProfileAsync(CustomerProfile profile);
}

/// <summary>The CRM profile of a customer: name, preferred experiences, yearly tier review date.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<ExperienceCategory> Preferences,
    [property: Id(2)] DateOnly? ReviewDate);

/// <summary>
/// What an incident learns from its customer when it opens: whether it repeats an earlier one, the
/// last NPS answer before it and the answers and visits the customer had already reported since
/// (events can arrive after the incident's own), and the support cases opened since, for a complaint.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.IncidentContext")]
public sealed record IncidentContext(
    [property: Id(0)] bool Repeat,
    [property: Id(1)] IReadOnlyList<NpsReading> Nps,
    [property: Id(2)] IReadOnlyList<VisitSeen> Visits,
    [property: Id(3)] IReadOnlyList<SupportCaseSeen>? SupportCases = null);

/// <summary>A recovery award as the customer received it: funded now, or pending on the budget.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.RecoveryOutcome")]
public sealed record RecoveryOutcome(
    [property: Id(0)] ExperienceCategory Category,
    [property: Id(1)] bool Funded,
    [property: Id(2)] DateTimeOffset? FundedAt);

public enum Tier
{
    [JsonStringEnumMemberName("silver")] Silver,
    [JsonStringEnumMemberName("gold")] Gold,
    [JsonStringEnumMemberName("platinum")] Platinum,
}

[GenerateSerializer, Immutable, Alias("pitstop.CustomerView")]
public sealed record CustomerView(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] Tier Tier,
    [property: Id(2)] PointsBalance Balance,
    [property: Id(3)] string HomeDealershipId,
    [property: Id(4)] long EventsApplied,
    [property: Id(5)] IReadOnlyList<ExpiringPoints> ExpiringSoon,
    [property: Id(6)] CustomerProfile? Profile,
    [property: Id(7)] TierProgress TierProgress,
    [property: Id(8)] IReadOnlyList<ContractView> Contracts,
    [property: Id(9)] IReadOnlyList<UpgradePrompt> OpenPrompts,
    [property: Id(10)] DateOnly? NextReview,
    [property: Id(11)] bool LongTermLoyalty);

/// <summary>
/// Where the customer stands: qualifying points over the window, the tier each path gives, and
/// the points the next tier up still needs (null at the top).
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.TierProgress")]
public sealed record TierProgress(
    [property: Id(0)] long QualifyingPoints,
    [property: Id(1)] Tier VehicleTier,
    [property: Id(2)] Tier PointsTier,
    [property: Id(3)] Tier? NextTier,
    [property: Id(4)] long? PointsToNextTier);

/// <summary>An open upgrade prompt: the verified CSAT 5 that raised it, and for which dealership.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.UpgradePrompt")]
public sealed record UpgradePrompt(
    [property: Id(0)] string SurveyId,
    [property: Id(1)] string DealershipId,
    [property: Id(2)] DateTimeOffset RaisedAt);

/// <summary>A vehicle under contract, as the customer view lists it.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ContractView")]
public sealed record ContractView(
    [property: Id(0)] string ContractId,
    [property: Id(1)] string Vin,
    [property: Id(2)] VehicleClass VehicleClass,
    [property: Id(3)] Ownership Ownership,
    [property: Id(4)] ContractKind Kind,
    [property: Id(5)] DateTimeOffset SignedAt);

/// <summary>Points of one lot that expire on <see cref="On"/>.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ExpiringPoints")]
public sealed record ExpiringPoints([property: Id(0)] long Points, [property: Id(1)] DateTimeOffset On);
