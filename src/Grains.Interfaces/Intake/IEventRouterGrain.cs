namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// Consumes one dealership's event stream (key: dealership id) and applies each batch to every
/// grain its events concern. It has no state: a redelivered batch is routed again and the grains
/// skip what they already applied.
/// </summary>
[Alias("pitstop.IEventRouterGrain")]
public interface IEventRouterGrain : IGrainWithStringKey;
