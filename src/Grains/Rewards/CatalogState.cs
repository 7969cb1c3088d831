using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Grains.Rewards;

[GenerateSerializer, Alias("pitstop.CatalogState")]
public sealed class CatalogState
{
    [Id(0)] public Dictionary<string, CatalogItem> Items { get; set; } = [];

    /// <summary>Stock held by placed redemptions, by redemption id: what a cancellation gives back.</summary>
    [Id(1)] public Dictionary<string, StockReservation> Reservations { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("pitstop.StockReservation")]
public sealed record StockReservation([property: Id(0)] string ItemId, [property: Id(1)] int Quantity);
