namespace Pitstop.Grains.Interfaces.League;

/// <summary>
/// The spot awards one giver (a workshop manager, by credential name) hands out: at most the
/// program's monthly allowance, each once per idempotency key. Keyed by the giver's name.
/// </summary>
[Alias("pitstop.ISpotAwardsGrain")]
public interface ISpotAwardsGrain : IGrainWithStringKey
{
    [Alias("give")]
    Task<SpotAwardOutcome> GiveAsync(SpotAwardRequest request);
}

[GenerateSerializer, Immutable, Alias("pitstop.SpotAwardRequest")]
public sealed record SpotAwardRequest(
    [property: Id(0)] string StaffId,
    [property: Id(1)] long Points,
    [property: Id(2)] string Reason,
    [property: Id(3)] string IdempotencyKey);

public enum SpotAwardRefusal { UnknownStaff, OverAllowance }

/// <summary>The award given (or given before, for a repeated key), or why not.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.SpotAwardOutcome")]
public sealed record SpotAwardOutcome(
    [property: Id(0)] SpotAward? Award,
    [property: Id(1)] SpotAwardRefusal? Refusal,
    [property: Id(2)] long GivenThisMonth,
    [property: Id(3)] long Allowance);

[GenerateSerializer, Immutable, Alias("pitstop.SpotAward")]
public sealed record SpotAward(
    [property: Id(0)] string AwardId,
    [property: Id(1)] string StaffId,
    [property: Id(2)] long Points,
    [property: Id(3)] string Reason,
    [property: Id(4)] string Month,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] bool Funded);
