namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// The stream provider and namespaces that carry events from the intake to the grains. A stream's
/// key is the id of the grain that consumes it (implicit subscriptions), so each customer, staff
/// member and dealership has its own ordered stream.
/// </summary>
public static class EventStreams
{
    public const string ProviderName = "events";
    public const string Customers = "customer-events";
    public const string Staff = "staff-events";
    public const string Dealerships = "dealership-events";

    public static StreamId ForCustomer(string customerId) => StreamId.Create(Customers, customerId);

    public static StreamId ForStaff(string staffId) => StreamId.Create(Staff, staffId);

    public static StreamId ForDealership(string dealershipId) => StreamId.Create(Dealerships, dealershipId);
}
