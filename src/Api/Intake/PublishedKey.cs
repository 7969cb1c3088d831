using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>An idempotency key marked published, with the dealership its event was accepted for (what a reversal must name).</summary>
public readonly record struct PublishedKey(EventKey Key, string DealershipId);

/// <summary>A claim of <see cref="Key"/> that only <see cref="Claimant"/> may take over again while it is unpublished.</summary>
public readonly record struct ExclusiveClaim(EventKey Key, EventKey Claimant);
