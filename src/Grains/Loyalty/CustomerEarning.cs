using System.Globalization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Ledger;

namespace Pitstop.Grains.Loyalty;

/// <summary>What a customer is when an event reaches them: the tier that multiplies, and whether the long-term bonus applies.</summary>
public readonly record struct EarningContext(Tier Tier, bool LongTerm);

/// <summary>
/// The customer-earning table of program.md: how many points an event earns a customer, with the
/// rule and the inputs that made them (<see cref="Earned"/>).
/// </summary>
public sealed class CustomerEarning(CustomerEarningOptions options)
{
    /// <summary>Only scheduled visits earn service points; repairs, warranty and accident work do not.</summary>
    public Earned ForVisit(VisitCompleted visit, EarningContext context) =>
        visit.VisitKind == VisitKind.Scheduled
            ? Scale("visit.scheduled", options.ScheduledVisit, context, multiplied: true, new() { ["invoiceAmount"] = Money(visit.InvoiceAmount) })
            : Earned.None("visit." + WireNames.Of(visit.VisitKind));

    public Earned ForAccessory(AccessorySold sale, EarningContext context) =>
        Scale("accessory", sale.Amount * options.AccessoryShare, context, multiplied: true, new() { ["amount"] = Money(sale.Amount), ["share"] = Number(options.AccessoryShare) });

    public Earned ForUpsell(UpsellSold sale, EarningContext context) =>
        Scale("upsell", sale.Amount * options.UpsellShare, context, multiplied: true, new() { ["amount"] = Money(sale.Amount), ["share"] = Number(options.UpsellShare) });

    /// <summary>A CSAT or NPS answer the feedback memory allows (once per job card or window).</summary>
    public Earned ForFeedback(EarningContext context) => Scale("feedback", options.Feedback, context, multiplied: false, []);

    public Earned ForContract(ContractSigned contract, EarningContext context) => Scale("contract." + WireNames.Of(contract.Kind), contract.Kind switch
    {
        ContractKind.New => ByClass(options.NewContract, contract.VehicleClass),
        ContractKind.Renewal => ByClass(options.Renewal, contract.VehicleClass),
        ContractKind.LeaseToPurchase or ContractKind.PurchaseToLease or ContractKind.Buyout => options.CrossQualification,
        ContractKind.FinanceCompleted => options.FinanceCompleted,
        _ => 0,
    }, context, multiplied: false, new() { ["vehicleClass"] = WireNames.Of(contract.VehicleClass) });

    public Earned ForReferrer(EarningContext context) => Scale("referral.referrer", options.Referrer, context, multiplied: false, []);

    public Earned ForReferee(EarningContext context) => Scale("referral.referee", options.Referee, context, multiplied: false, []);

    /// <summary>Whether a customer whose first contract was signed at <paramref name="firstContractAt"/> has the long-term bonus at <paramref name="at"/>.</summary>
    public bool IsLongTerm(DateTimeOffset? firstContractAt, DateTimeOffset at) =>
        firstContractAt is { } first && first.AddYears(options.LongTermLoyaltyYears) <= at;

    public decimal Multiplier(Tier tier) => tier switch
    {
        Tier.Gold => options.GoldMultiplier,
        Tier.Platinum => options.PlatinumMultiplier,
        _ => options.SilverMultiplier,
    };

    private static int ByClass(ContractPointsOptions points, VehicleClass vehicleClass) => vehicleClass switch
    {
        VehicleClass.Performance => points.Performance,
        VehicleClass.Mid => points.Mid,
        _ => points.Entry,
    };

    // The tier multiplier applies to the rows program.md multiplies (visits and purchases); the
    // long-term bonus to every earning. Points are whole numbers, rounded down once, at the end,
    // so a member is never promised a point the budget did not fund.
    private Earned Scale(string rule, decimal points, EarningContext context, bool multiplied, Dictionary<string, string> inputs)
    {
        var scaled = points * (multiplied ? Multiplier(context.Tier) : 1m) * (context.LongTerm ? 1m + options.LongTermLoyaltyBonus : 1m);
        if (multiplied)
        {
            inputs[EntryExplanation.Tier] = WireNames.Of(context.Tier);
            inputs[EntryExplanation.Multiplier] = Number(Multiplier(context.Tier));
        }

        if (context.LongTerm)
        {
            inputs[EntryExplanation.LongTermBonus] = Number(options.LongTermLoyaltyBonus * 100m) + "%";
        }

        return new Earned((long)decimal.Floor(scaled), rule, inputs);
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
