using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Interfaces.Loyalty;

/// <summary>One car owner: wallet and tier. Fed by its dealership's event router; keyed by customer id.</summary>
[Alias("pitstop.ICustomerGrain")]
public interface ICustomerGrain : IEventConsumer, IWalletHolder
{
    /// <summary>The customer as the API shows it, or null for a customer no event has named yet.</summary>
    [ReadOnly, Alias("get")]
    Task<CustomerView?> GetAsync();
}

public enum Tier { Silver, Gold, Platinum }

[GenerateSerializer, Immutable, Alias("pitstop.CustomerView")]
public sealed record CustomerView(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] Tier Tier,
    [property: Id(2)] PointsBalance Balance,
    [property: Id(3)] string HomeDealershipId,
    [property: Id(4)] long EventsApplied,
    [property: Id(5)] IReadOnlyList<ExpiringPoints> ExpiringSoon);

/// <summary>Points of one lot that expire on <see cref="On"/>.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ExpiringPoints")]
public sealed record ExpiringPoints([property: Id(0)] long Points, [property: Id(1)] DateTimeOffset On);
