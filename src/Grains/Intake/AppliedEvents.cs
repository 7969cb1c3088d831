using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>
/// The events a grain has already applied, so a stream redelivery (at-least-once) changes nothing.
/// Keys are kept as long as the intake could still accept their event: an event older than
/// <see cref="IntakeWindow.MaxAge"/> is rejected at the door, so its key can be forgotten.
/// </summary>
[GenerateSerializer, Alias("pitstop.AppliedEvents")]
public sealed class AppliedEvents
{
    // Value: occurredAt in Unix seconds, the clock that decides when a key may be forgotten.
    [Id(0)]
    public Dictionary<string, long> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Records the event; false when it was applied before.</summary>
    public bool TryRecord(EventKey key, DateTimeOffset occurredAt) =>
        Keys.TryAdd(key.ToString(), occurredAt.ToUnixTimeSeconds());

    public void ForgetOlderThan(DateTimeOffset cutoff)
    {
        var limit = cutoff.ToUnixTimeSeconds();
        foreach (var (key, occurredAt) in Keys)
        {
            if (occurredAt < limit)
            {
                Keys.Remove(key);
            }
        }
    }
}
