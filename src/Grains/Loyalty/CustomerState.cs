using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Wallets;

namespace Pitstop.Grains.Loyalty;

[GenerateSerializer, Alias("pitstop.CustomerState")]
public sealed class CustomerState : MemberState
{
    [Id(0)]
    public Tier Tier { get; set; } = Tier.Silver;

    [Id(1)]
    public string HomeDealershipId { get; set; } = "";

    [Id(2)]
    public CustomerIncidents Incidents { get; set; } = new();

    [Id(3)]
    public CustomerProfile? Profile { get; set; }

    [Id(4)]
    public CustomerContracts Contracts { get; set; } = new();

    [Id(5)]
    public FeedbackMemory Feedback { get; set; } = new();

    [Id(6)]
    public QualifyingPoints Qualifying { get; set; } = new();

    [Id(7)]
    public UpgradePrompts Prompts { get; set; } = new();

    /// <summary>The program day the customer was first seen: their yearly review falls on it unless the CRM sets a date.</summary>
    [Id(8)]
    public DateOnly? EnrolledOn { get; set; }

    /// <summary>The review day (<see cref="TierReviewCalendar.DayKey"/>) the customer is enrolled for, once enrolment succeeded.</summary>
    [Id(9)]
    public string? ReviewDayEnrolled { get; set; }

    /// <summary>The day of the last yearly review: the sweep may ask twice, the review happens once.</summary>
    [Id(10)]
    public DateOnly? LastReviewedOn { get; set; }

    /// <summary>The tier the dealership's census last counted for this customer; null before it counted them.</summary>
    [Id(11)]
    public Tier? CensusTier { get; set; }

    /// <summary>When the referral-code route first handed the customer their code (counted as issued then); null before.</summary>
    [Id(12)]
    public DateTimeOffset? ReferralCodeIssuedAt { get; set; }

    /// <summary>The redemptions (their ids) and cancellations (their refund ids) the loyalty dashboard was told of.</summary>
    [Id(13)]
    public HashSet<string> RedemptionsTallied { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The digest of the record a migration last brought (<see cref="CustomerRecord.Digest"/>): the same row again changes nothing.</summary>
    [Id(20)]
    public long? ImportedRecord { get; set; }

    /// <summary>The opening balance received from a migration, in points; null before one (there is at most one, ever).</summary>
    [Id(21)]
    public long? OpeningPoints { get; set; }

    /// <summary>Lots expiring up to this time have been announced to the customer; null before any.</summary>
    [Id(22)]
    public DateTimeOffset? ExpiryNoticesUntil { get; set; }
}
