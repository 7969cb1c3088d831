namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// The events moved aside because their grains could not apply them (poison): kept with their
/// error until an administrator retries or discards them. One grain for the network (key
/// <see cref="Key"/>): dead letters are rare, and an operator reads them in one list.
/// </summary>
[Alias("pitstop.IDeadLettersGrain")]
public interface IDeadLettersGrain : IGrainWithStringKey
{
    public const string Key = "network";

    /// <summary>
    /// Keeps <paramref name="e"/> aside with its error; idempotent by the event's key (a router
    /// that dead-letters an event again, after a crash or a failed retry, reopens the same letter).
    /// </summary>
    [Alias("put")]
    Task<DeadLetter> PutAsync(DmsEvent e, string error, int attempts);

    /// <summary>The letters, newest first; of one status only unless null.</summary>
    [ReadOnly, Alias("list")]
    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterStatus? status);

    /// <summary>Puts the event of an open letter back on its dealership's stream (nothing is done to a letter that is not open).</summary>
    [Alias("retry")]
    Task<DeadLetterOutcome> RetryAsync(long id, string by);

    /// <summary>Closes an open letter for good, recording who did (nothing is done to a letter that is not open).</summary>
    [Alias("discard")]
    Task<DeadLetterOutcome> DiscardAsync(long id, string by);
}

[GenerateSerializer, Alias("pitstop.DeadLetterStatus")]
public enum DeadLetterStatus
{
    /// <summary>Waiting for an administrator.</summary>
    Open,

    /// <summary>Put back on its stream; applied unless it is dead-lettered again (then it is open again).</summary>
    Retried,

    /// <summary>Closed without applying it.</summary>
    Discarded,
}

/// <summary>One event moved aside, with what went wrong and what was done about it.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.DeadLetter")]
public sealed record DeadLetter(
    [property: Id(0)] long Id,
    [property: Id(1)] DmsEvent Event,
    [property: Id(2)] string Error,
    [property: Id(3)] int Attempts,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] DeadLetterStatus Status,
    [property: Id(6)] string? ResolvedBy = null,
    [property: Id(7)] DateTimeOffset? ResolvedAt = null);

/// <summary>What an administrator's retry or discard found: the letter after it, or why not.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.DeadLetterOutcome")]
public sealed record DeadLetterOutcome(
    [property: Id(0)] DeadLetter? Letter,
    [property: Id(1)] bool WasOpen)
{
    public bool Found => Letter is not null;
}
