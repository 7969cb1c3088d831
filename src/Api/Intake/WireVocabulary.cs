using System.Collections.Frozen;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Api.Intake;

/// <summary>The wire spellings of one closed vocabulary of events.md.</summary>
public sealed class WireVocabulary<T>
    where T : struct, Enum
{
    private readonly FrozenDictionary<string, T> _byName;

    public WireVocabulary(params (string Name, T Value)[] entries)
    {
        _byName = entries.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        Spellings = string.Join(" | ", entries.Select(e => e.Name));
    }

    public string Spellings { get; }

    public bool TryParse(string name, out T value) => _byName.TryGetValue(name, out value);
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

    public static readonly WireVocabulary<Tier> Tiers = new(("silver", Tier.Silver), ("gold", Tier.Gold), ("platinum", Tier.Platinum));

    public static readonly WireVocabulary<RewardCategory> RewardCategories = new(
        ("dining", RewardCategory.Dining), ("wellness", RewardCategory.Wellness), ("adventure", RewardCategory.Adventure),
        ("lifestyle", RewardCategory.Lifestyle), ("accessories", RewardCategory.Accessories), ("service", RewardCategory.Service),
        ("cash", RewardCategory.Cash));
}
