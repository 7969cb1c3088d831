using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>What a customer is when an event reaches them: the tier that multiplies, and whether the long-term bonus applies.</summary>
public readonly record struct EarningContext(Tier Tier, bool LongTerm);

/// <summary>The customer-earning table of program.md: how many points an event earns a customer.</summary>
public sealed class CustomerEarning(CustomerEarningOptions options)
{
    /// <summary>Only scheduled visits earn service points; repairs, warranty and accident work do not.</summary>
    public long ForVisit(VisitCompleted visit, EarningContext context) =>
        visit.VisitKind == VisitKind.Scheduled ? Scale(options.ScheduledVisit, context, multiplied: true) : 0;

    public long ForAccessory(AccessorySold sale, EarningContext context) =>
        Scale(sale.Amount * options.AccessoryShare, context, multiplied: true);

    public long ForUpsell(UpsellSold sale, EarningContext context) =>
        Scale(sale.Amount * options.UpsellShare, context, multiplied: true);

    /// <summary>A CSAT or NPS answer the feedback memory allows (once per job card or window).</summary>
    public long ForFeedback(EarningContext context) => Scale(options.Feedback, context, multiplied: false);

    public long ForContract(ContractSigned contract, EarningContext context) => Scale(contract.Kind switch
    {
        ContractKind.New => ByClass(options.NewContract, contract.VehicleClass),
        ContractKind.Renewal => ByClass(options.Renewal, contract.VehicleClass),
        ContractKind.LeaseToPurchase or ContractKind.PurchaseToLease or ContractKind.Buyout => options.CrossQualification,
        ContractKind.FinanceCompleted => options.FinanceCompleted,
        _ => 0,
    }, context, multiplied: false);

    public long ForReferrer(EarningContext context) => Scale(options.Referrer, context, multiplied: false);

    public long ForReferee(EarningContext context) => Scale(options.Referee, context, multiplied: false);

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
    private long Scale(decimal points, EarningContext context, bool multiplied)
    {
        var scaled = points * (multiplied ? Multiplier(context.Tier) : 1m) * (context.LongTerm ? 1m + options.LongTermLoyaltyBonus : 1m);
        return (long)decimal.Floor(scaled);
    }
}
