using System.Text.Json.Serialization;

namespace Pitstop.Grains.Interfaces.Intake;

// The closed vocabularies of events.md, each member with its wire spelling: the one home of the
// spellings, read by intake (WireNames, WireVocabulary) and written by every JSON response, so
// renaming a member here never changes the contract.

public enum VehicleClass
{
    [JsonStringEnumMemberName("entry")] Entry,
    [JsonStringEnumMemberName("mid")] Mid,
    [JsonStringEnumMemberName("performance")] Performance,
}

public enum VisitKind
{
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("repair")] Repair,
    [JsonStringEnumMemberName("warranty")] Warranty,
    [JsonStringEnumMemberName("accident")] Accident,
}

public enum DefectKind
{
    [JsonStringEnumMemberName("paint")] Paint,
    [JsonStringEnumMemberName("electrical")] Electrical,
    [JsonStringEnumMemberName("mechanical")] Mechanical,
    [JsonStringEnumMemberName("trim")] Trim,
    [JsonStringEnumMemberName("other")] Other,
}

public enum ComplaintSeverity
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
}

public enum UpsellProduct
{
    [JsonStringEnumMemberName("amc")] Amc,
    [JsonStringEnumMemberName("extended_warranty")] ExtendedWarranty,
    [JsonStringEnumMemberName("ceramic_coating")] CeramicCoating,
    [JsonStringEnumMemberName("detailing")] Detailing,
    [JsonStringEnumMemberName("tyre_care")] TyreCare,
    [JsonStringEnumMemberName("battery_care")] BatteryCare,
    [JsonStringEnumMemberName("insurance_renewal")] InsuranceRenewal,
}

public enum Ownership
{
    [JsonStringEnumMemberName("lease")] Lease,
    [JsonStringEnumMemberName("purchase")] Purchase,
}

public enum ContractKind
{
    [JsonStringEnumMemberName("new")] New,
    [JsonStringEnumMemberName("renewal")] Renewal,
    [JsonStringEnumMemberName("lease_to_purchase")] LeaseToPurchase,
    [JsonStringEnumMemberName("purchase_to_lease")] PurchaseToLease,
    [JsonStringEnumMemberName("buyout")] Buyout,
    [JsonStringEnumMemberName("finance_completed")] FinanceCompleted,
}

public enum StaffRole
{
    [JsonStringEnumMemberName("technician")] Technician,
    [JsonStringEnumMemberName("advisor")] Advisor,
    [JsonStringEnumMemberName("support")] Support,
    [JsonStringEnumMemberName("manager")] Manager,
}
