using System.Text.Json.Nodes;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Testing;

/// <summary>The customer-facing events of events.md, under a test's prefix (event ids are unique engine-wide).</summary>
public static class LoyaltyEvents
{
    public static string CustomerPath(this Traffic traffic, int customer = 1) => $"/api/v1/customers/{traffic.Customer(customer)}";

    public static JsonObject Accessory(this Traffic traffic, string id, decimal amount, int customer = 1, int minutesAgo = 10) =>
        traffic.Event($"{traffic.Dealership}-{id}", "sale.accessory.completed", new JsonObject
        {
            ["orderId"] = $"ACC-{id}",
            ["customerId"] = traffic.Customer(customer),
            ["amount"] = amount,
        }, minutesAgo);

    public static JsonObject Upsell(this Traffic traffic, string id, decimal amount, int customer = 1, int minutesAgo = 10) =>
        traffic.Event($"{traffic.Dealership}-{id}", "sale.upsell.completed", new JsonObject
        {
            ["orderId"] = $"UPS-{id}",
            ["customerId"] = traffic.Customer(customer),
            ["advisorId"] = traffic.Staff("A"),
            ["product"] = "ceramic_coating",
            ["amount"] = amount,
        }, minutesAgo);

    public static JsonObject Csat(this Traffic traffic, string id, string jobCardId, int score, bool verified = true, int customer = 1, int minutesAgo = 10) =>
        traffic.Event($"{traffic.Dealership}-{id}", "survey.csat.submitted", new JsonObject
        {
            ["surveyId"] = $"SV-{traffic.Dealership}-{id}",
            ["jobCardId"] = jobCardId,
            ["customerId"] = traffic.Customer(customer),
            ["score"] = score,
            ["verified"] = verified,
        }, minutesAgo);

    public static JsonObject Nps(this Traffic traffic, string id, int score, string? jobCardId = null, int customer = 1, int minutesAgo = 10)
    {
        var data = new JsonObject
        {
            ["surveyId"] = $"SV-{traffic.Dealership}-{id}",
            ["customerId"] = traffic.Customer(customer),
            ["score"] = score,
        };
        if (jobCardId is not null)
        {
            data["jobCardId"] = jobCardId;
        }

        return traffic.Event($"{traffic.Dealership}-{id}", "survey.nps.submitted", data, minutesAgo);
    }

    public static JsonObject Contract(
        this Traffic traffic, string id, string vehicleClass, string kind = "new", string ownership = "lease", string? vin = null, int customer = 1, int minutesAgo = 10) =>
        traffic.Event($"{traffic.Dealership}-{id}", "contract.signed", new JsonObject
        {
            ["contractId"] = $"CT-{traffic.Dealership}-{id}",
            ["customerId"] = traffic.Customer(customer),
            ["vin"] = vin ?? $"VIN-{id}",
            ["vehicleClass"] = vehicleClass,
            ["ownership"] = ownership,
            ["kind"] = kind,
        }, minutesAgo);

    public static JsonObject Referral(this Traffic traffic, string id, int referrer, int referee, int minutesAgo = 10) =>
        traffic.Event($"{traffic.Dealership}-{id}", "referral.converted", new JsonObject
        {
            ["referralCode"] = ReferralCodes.For(traffic.Customer(referrer)),
            ["referrerCustomerId"] = traffic.Customer(referrer),
            ["refereeCustomerId"] = traffic.Customer(referee),
            ["contractId"] = $"CT-{traffic.Dealership}-{id}",
        }, minutesAgo);

    /// <summary>A scheduled visit, named by the test (the customer-only visit of <see cref="Traffic"/>).</summary>
    public static JsonObject Visit(this Traffic traffic, string id, int customer = 1, int minutesAgo = 10)
    {
        var visit = traffic.CustomerOnlyVisit($"{traffic.Dealership}-{id}", customer);
        visit["occurredAt"] = Traffic.Time(-minutesAgo);
        return visit;
    }
}
