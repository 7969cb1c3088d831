using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Grains.Intake;

/// <summary>
/// How far a grain has applied each dealership's stream, and the few events it must still skip:
/// a stream redelivers at the same positions (at least once), so an event at or before the last
/// position applied from its stream was applied. The record grows with the streams a grain hears
/// from, not with their traffic.
/// </summary>
/// <remarks>
/// One event comes back at a new position: a dead letter's retry. The router moves an event aside
/// when some of its grains refuse it, but an earlier attempt may have handed it to all of them at
/// once, and those that took it then must skip its retry; they are asked before the letter is kept
/// (<see cref="RememberMovedAside"/>) and keep its key until the intake would refuse the event;
/// those that had not taken it keep its key until they apply it, so that a reversal of an award
/// they asked for it without keeping it (<see cref="MayHaveApplied"/>) takes nothing back.
/// </remarks>
[GenerateSerializer, Alias("pitstop.AppliedOffsets")]
public sealed class AppliedOffsets
{
    // Dealership (its stream) → the position of the last event decided from it.
    [Id(0)]
    public Dictionary<string, EventPosition> Streams { get; set; } = new(StringComparer.Ordinal);

    // EventKey.Digest of an event moved aside after this grain applied it → the day it occurred.
    [Id(1)]
    public Dictionary<long, int> RetriesToSkip { get; set; } = [];

    // EventKey.Digest of an event moved aside before this grain applied it → the day it occurred.
    [Id(2)]
    public Dictionary<long, int> MovedAsideUnapplied { get; set; } = [];

    /// <summary>Whether the event at <paramref name="position"/> of its stream was decided here already, there or before it was moved aside.</summary>
    public bool HasApplied(DmsEvent e, EventPosition position) =>
        Passed(e, position) || RetriesToSkip.ContainsKey(e.KeyDigest);

    /// <summary>Notes the event at <paramref name="position"/> decided: its stream is applied up to there.</summary>
    public void Advance(DmsEvent e, EventPosition position)
    {
        if (!Passed(e, position))
        {
            Streams[e.DealershipId] = position;
        }

        if (MovedAsideUnapplied.Count > 0)
        {
            MovedAsideUnapplied.Remove(e.KeyDigest);
        }
    }

    /// <summary>
    /// Whether this grain may have applied the event of <paramref name="key"/>, asked by key (a
    /// reversal of an award it asked for): an event is applied by its grains before the stream
    /// goes on past it, unless it was moved aside before this grain applied it.
    /// </summary>
    public bool MayHaveApplied(EventKey key) => !MovedAsideUnapplied.ContainsKey(key.Digest);

    /// <summary>
    /// The event at <paramref name="position"/> is being moved aside: if it was decided here (its
    /// stream passed it, and nothing after it was handed out yet), a retry of it is skipped; if
    /// not, it is known unapplied until it is. True when that is new to the record.
    /// </summary>
    public bool RememberMovedAside(DmsEvent e, EventPosition position) => Passed(e, position)
        ? RetriesToSkip.TryAdd(e.KeyDigest, IntakeDays.Of(e.OccurredAt))
        : MovedAsideUnapplied.TryAdd(e.KeyDigest, IntakeDays.Of(e.OccurredAt));

    /// <summary>Forgets the moved-aside events the intake would now reject as too old.</summary>
    public void ForgetExpired(DateTimeOffset now)
    {
        var expiry = IntakeDays.Expiry(now);
        ForgetOlderThan(RetriesToSkip, expiry);
        ForgetOlderThan(MovedAsideUnapplied, expiry);
    }

    private static void ForgetOlderThan(Dictionary<long, int> days, int expiry)
    {
        foreach (var (digest, day) in days)
        {
            if (day < expiry)
            {
                days.Remove(digest);
            }
        }
    }

    private bool Passed(DmsEvent e, EventPosition position) =>
        Streams.TryGetValue(e.DealershipId, out var last) && position <= last;
}
