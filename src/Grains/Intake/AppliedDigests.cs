using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>
/// The record of applied events kept before grains remembered stream positions
/// (<see cref="AppliedOffsets"/>): a 64-bit digest of each applied key and the day its event
/// occurred. States written then still carry it; it is only read, so that an event applied then
/// and delivered again (a redelivery across the upgrade, or the retry of a letter moved aside then)
/// is not applied twice, and it shrinks as its events leave the intake window.
/// </summary>
[GenerateSerializer, Alias("pitstop.AppliedEvents")]
public sealed class AppliedDigests
{
    // EventKey.Digest → occurredAt as days since the Unix epoch.
    [Id(0)]
    public Dictionary<long, int> Digests { get; set; } = [];

    public int Count => Digests.Count;

    public bool Contains(DmsEvent e) => Digests.ContainsKey(e.KeyDigest);

    /// <summary>Forgets the keys of events the intake would now reject as too old (a day of margin).</summary>
    public void ForgetExpired(DateTimeOffset now) => ForgetOlderThan(IntakeDays.Expiry(now));

    public void ForgetOlderThan(int day)
    {
        foreach (var (digest, occurred) in Digests)
        {
            if (occurred < day)
            {
                Digests.Remove(digest);
            }
        }
    }
}
