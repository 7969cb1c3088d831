namespace Pitstop.Grains.Interfaces.Intake;

// The closed vocabularies of events.md. Their wire spellings live in WireNames (Api/Intake),
// so renaming a member here never changes the contract.

public enum VehicleClass { Entry, Mid, Performance }

public enum VisitKind { Scheduled, Repair, Warranty, Accident }

public enum DefectKind { Paint, Electrical, Mechanical, Trim, Other }

public enum ComplaintSeverity { Low, Medium, High }

public enum UpsellProduct { Amc, ExtendedWarranty, CeramicCoating, Detailing, TyreCare, BatteryCare, InsuranceRenewal }

public enum Ownership { Lease, Purchase }

public enum ContractKind { New, Renewal, LeaseToPurchase, PurchaseToLease, Buyout, FinanceCompleted }

public enum StaffRole { Technician, Advisor, Support, Manager }
