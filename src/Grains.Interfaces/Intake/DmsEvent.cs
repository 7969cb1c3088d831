using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// One validated event of the DMS contract (events.md), as it travels through the event streams.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.DmsEvent")]
public sealed record DmsEvent(
    [property: Id(0)] string Source,
    [property: Id(1)] string Id,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] string DealershipId,
    [property: Id(4)] EventData Data)
{
    public EventKey Key => new(Source, Id);

    /// <summary>
    /// <see cref="EventKey.Digest"/> of <see cref="Key"/>, computed once where the event is made and
    /// carried with it: every grain an event reaches records it, and hashing there would repeat.
    /// </summary>
    [Id(5)]
    public long KeyDigest { get; } = new EventKey(Source, Id).Digest;
}

/// <summary>The idempotency key of an event: (source, id) is applied at most once, forever.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.EventKey")]
public readonly record struct EventKey([property: Id(0)] string Source, [property: Id(1)] string Id)
{
    // ':' may appear in ids but never in sources (lower-case a-z 0-9 -), so the first ':' splits them.
    public override string ToString() => $"{Source}:{Id}";

    /// <summary>
    /// A 64-bit digest of the key: the first 8 bytes of SHA-256 over "source:id" in UTF-8. A
    /// cryptographic hash, so that no one can craft an id that collides with another event's.
    /// </summary>
    /// <remarks>
    /// Encoded in parts, without the "source:id" string: every event's digest is computed where it
    /// is made, each copy of it included. The source is ASCII, so the parts' bytes are the whole's.
    /// </remarks>
    public long Digest
    {
        get
        {
            var chars = Source.Length + 1 + Id.Length;
            Span<byte> utf8 = chars <= 256 ? stackalloc byte[chars * 3] : new byte[chars * 3];
            var length = Encoding.UTF8.GetBytes(Source, utf8);
            utf8[length++] = (byte)':';
            length += Encoding.UTF8.GetBytes(Id, utf8[length..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..length], hash);
            return BinaryPrimitives.ReadInt64LittleEndian(hash);
        }
    }
}
