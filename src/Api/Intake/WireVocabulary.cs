using System.Collections.Frozen;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Api.Intake;

/// <summary>The wire spellings of one closed vocabulary of events.md.</summary>
public sealed class WireVocabulary<T>
    where T : struct, Enum
{
    private readonly FrozenDictionary<string, T> _byName;
    private readonly FrozenDictionary<T, string> _names;

    public WireVocabulary(params (string Name, T Value)[] entries)
    {
        _byName = entries.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        _names = entries.ToFrozenDictionary(e => e.Value, e => e.Name);
        Spellings = string.Join(" | ", entries.Select(e => e.Name));
    }

    public string Spellings { get; }

    public bool TryParse(string name, out T value) => _byName.TryGetValue(name, out value);

    /// <summary>The wire spelling of <paramref name="value"/>, for answers that speak the same words as requests.</summary>
    public string NameOf(T value) => _names[value];
}

/// <summary>Every vocabulary of the event contract.</summary>
public static class WireVocabularies
{
    public static readonly WireVocabulary<VehicleClass> VehicleClasses = new(
        ("entry", VehicleClass.Entry), ("mid", VehicleClass.Mid), ("performance", VehicleClass.Performance));

    public static readonly WireVocabulary<VisitKind> VisitKinds = new(
        ("scheduled", VisitKind.Scheduled), ("repair", VisitKind.Repair), ("warranty", VisitKind.Warranty), ("accident", VisitKind.Accident));

    public static readonly WireVocabulary<DefectKind> Defects = new(
        ("paint", DefectKind.Paint), ("electrical", DefectKind.Electrical), ("mechanical", DefectKind.Mechanical),
        ("trim", DefectKind.Trim), ("other", DefectKind.Other));

    public static readonly WireVocabulary<ExperienceCategory> Experiences = new(
        ("dining", ExperienceCategory.Dining), ("wellness", ExperienceCategory.Wellness),
        ("adventure", ExperienceCategory.Adventure), ("lifestyle", ExperienceCategory.Lifestyle));

    /// <summary>The roles that have a league (managers earn no KPI points).</summary>
    public static readonly WireVocabulary<StaffRole> LeagueRoles = new(
        ("technician", StaffRole.Technician), ("advisor", StaffRole.Advisor), ("support", StaffRole.Support));

    public static readonly WireVocabulary<StaffRole> StaffRoles = new(
        ("technician", StaffRole.Technician), ("advisor", StaffRole.Advisor), ("support", StaffRole.Support), ("manager", StaffRole.Manager));

    public static readonly WireVocabulary<IncidentStatus> IncidentStatuses = new(
        ("open", IncidentStatus.Open), ("closed", IncidentStatus.Closed), ("recovered", IncidentStatus.Recovered));

    public static readonly WireVocabulary<ComplaintSeverity> Severities = new(
        ("low", ComplaintSeverity.Low), ("medium", ComplaintSeverity.Medium), ("high", ComplaintSeverity.High));

    public static readonly WireVocabulary<UpsellProduct> UpsellProducts = new(
        ("amc", UpsellProduct.Amc), ("extended_warranty", UpsellProduct.ExtendedWarranty),
        ("ceramic_coating", UpsellProduct.CeramicCoating), ("detailing", UpsellProduct.Detailing),
        ("tyre_care", UpsellProduct.TyreCare), ("battery_care", UpsellProduct.BatteryCare),
        ("insurance_renewal", UpsellProduct.InsuranceRenewal));

    public static readonly WireVocabulary<Ownership> Ownerships = new(("lease", Ownership.Lease), ("purchase", Ownership.Purchase));

    public static readonly WireVocabulary<ContractKind> ContractKinds = new(
        ("new", ContractKind.New), ("renewal", ContractKind.Renewal), ("lease_to_purchase", ContractKind.LeaseToPurchase),
        ("purchase_to_lease", ContractKind.PurchaseToLease), ("buyout", ContractKind.Buyout),
        ("finance_completed", ContractKind.FinanceCompleted));

    /// <summary>A challenge's KPI: what the league counts (program.md, badges).</summary>
    public static readonly WireVocabulary<LeagueMetric> LeagueKpis = new(
        ("first-time-fix", LeagueMetric.FirstTimeFix), ("on-time", LeagueMetric.OnTime), ("csat-5", LeagueMetric.Csat5), ("upsell", LeagueMetric.Upsell));

    public static readonly WireVocabulary<ChallengeScopeKind> ChallengeScopes = new(
        ("national", ChallengeScopeKind.National), ("state", ChallengeScopeKind.State), ("dealership", ChallengeScopeKind.Dealership));

    public static readonly WireVocabulary<Tier> Tiers = new(("silver", Tier.Silver), ("gold", Tier.Gold), ("platinum", Tier.Platinum));

    public static readonly WireVocabulary<RewardCategory> RewardCategories = new(
        ("dining", RewardCategory.Dining), ("wellness", RewardCategory.Wellness), ("adventure", RewardCategory.Adventure),
        ("lifestyle", RewardCategory.Lifestyle), ("accessories", RewardCategory.Accessories), ("service", RewardCategory.Service),
        ("cash", RewardCategory.Cash));
}
