namespace Pitstop.Grains.Notifications;

/// <summary>Who a notification is for, as the feed stores and filters it ("customer:C-1", "operators").</summary>
public static class NotificationTargets
{
    public const string Operators = "operators";

    public static string Customer(string customerId) => $"customer:{customerId}";

    public static string Staff(string staffId) => $"staff:{staffId}";

    public static string Dealership(string dealershipId) => $"dealership:{dealershipId}";
}
