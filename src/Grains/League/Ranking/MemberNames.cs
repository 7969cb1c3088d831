using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Pitstop.Grains.League.Ranking;

/// <summary>
/// The members' ids, each stored once, packed into 64 KiB chunks of bytes. A national board holds a
/// million ids like <c>S-118-T21</c>: as .NET strings they would cost 40 bytes each (object header,
/// length, two bytes a character) plus an 8-byte reference; packed they cost 10 — a length byte and
/// one byte a character. An id is stored narrow (one byte a character) when it is all ASCII, as
/// staff ids are, and wide (its UTF-16 code units) otherwise, so every string round-trips exactly
/// and ids compare ordinally, code unit by code unit, as <see cref="string.CompareOrdinal(string, string)"/>
/// does.
/// </summary>
/// <remarks>
/// An id is addressed by its position: the chunk's index in the high bits, the offset in the low 16.
/// The chunks double from 256 bytes to 64 KiB, so that a small board stays small.
/// Its encoding is a header — the 7-bit varint of <c>length &lt;&lt; 1 | wide</c> — then the code
/// units. The encoding of a string is unique, so two ids are equal exactly when their encodings are.
/// An id longer than a chunk gets a chunk of its own. Space freed by removed ids is counted, not
/// reused; <see cref="MemberTable"/> compacts when more than half is dead.
/// </remarks>
internal sealed class MemberNames
{
    private const int OffsetBits = 16;
    private const int ChunkSize = 1 << OffsetBits;
    private const int OffsetMask = ChunkSize - 1;
    private const int MaxChunks = int.MaxValue >> OffsetBits;
    private const int FirstChunkSize = 256;

    // Ids this long are widened on the stack to be hashed; longer ones in a rented buffer.
    private const int StackChars = 256;

    private byte[][] _chunks = new byte[4][];
    private int _chunkCount;
    private int _current = -1;  // the chunk being filled (ids longer than a chunk get their own)
    private int _used;          // bytes used in it

    /// <summary>Bytes held by live ids.</summary>
    public long LiveBytes { get; private set; }

    /// <summary>Bytes of removed ids, not reclaimed until the table compacts.</summary>
    public long DeadBytes { get; private set; }

    /// <summary>The size of <paramref name="id"/>'s encoding.</summary>
    public static int EncodedLength(ReadOnlySpan<char> id) =>
        HeaderLength(id.Length) + (Ascii.IsValid(id) ? id.Length : id.Length * 2);

    /// <summary>Writes <paramref name="id"/>'s encoding, <see cref="EncodedLength"/> bytes, to <paramref name="destination"/>.</summary>
    public static void Encode(ReadOnlySpan<char> id, Span<byte> destination)
    {
        var wide = !Ascii.IsValid(id);
        var header = WriteHeader(((uint)id.Length << 1) | (wide ? 1u : 0u), destination);
        if (wide)
        {
            MemoryMarshal.AsBytes(id).CopyTo(destination[header..]);
        }
        else
        {
            Ascii.FromUtf16(id, destination[header..], out _);
        }
    }

    /// <summary>Stores an encoded id (from <see cref="Encode"/> or <see cref="Encoded"/>) and answers its position.</summary>
    public int Append(ReadOnlySpan<byte> encoded)
    {
        int chunk, offset;
        if (encoded.Length > ChunkSize)
        {
            chunk = NewChunk(encoded.Length);
            offset = 0;
        }
        else
        {
            if (_current < 0 || _used + encoded.Length > _chunks[_current].Length)
            {
                var size = _current < 0 ? FirstChunkSize : Math.Min(_chunks[_current].Length * 2, ChunkSize);
                _current = NewChunk(Math.Max(size, encoded.Length));
                _used = 0;
            }

            chunk = _current;
            offset = _used;
            _used += encoded.Length;
        }

        encoded.CopyTo(_chunks[chunk].AsSpan(offset));
        LiveBytes += encoded.Length;
        return (chunk << OffsetBits) | offset;
    }

    /// <summary>Counts the id at <paramref name="position"/> as dead; its bytes stay until compaction.</summary>
    public void Release(int position)
    {
        var length = Encoded(position).Length;
        LiveBytes -= length;
        DeadBytes += length;
    }

    /// <summary>The id's encoding, header included.</summary>
    public ReadOnlySpan<byte> Encoded(int position)
    {
        var bytes = _chunks[position >> OffsetBits].AsSpan(position & OffsetMask);
        var header = ReadHeader(bytes, out var length, out var wide);
        return bytes[..(header + (wide ? length * 2 : length))];
    }

    /// <summary>True when the id at <paramref name="position"/> has exactly this encoding.</summary>
    public bool Matches(int position, ReadOnlySpan<byte> encoded)
    {
        // Equal headers mean equal lengths, so a matching prefix is the whole id.
        var stored = _chunks[position >> OffsetBits].AsSpan(position & OffsetMask);
        return stored.Length >= encoded.Length && stored[..encoded.Length].SequenceEqual(encoded);
    }

    /// <summary>Ordinal comparison of two stored ids, by UTF-16 code unit, like <see cref="string.CompareOrdinal(string, string)"/>.</summary>
    public int Compare(int positionA, int positionB)
    {
        var a = Units(positionA, out var wideA);
        var b = Units(positionB, out var wideB);
        if (wideA == wideB)
        {
            return wideA
                ? MemoryMarshal.Cast<byte, char>(a).SequenceCompareTo(MemoryMarshal.Cast<byte, char>(b))
                : a.SequenceCompareTo(b);
        }

        return wideA ? CompareMixed(MemoryMarshal.Cast<byte, char>(a), b) : -CompareMixed(MemoryMarshal.Cast<byte, char>(b), a);
    }

    /// <summary>The hash of the stored id: the same as <see cref="string.GetHashCode(ReadOnlySpan{char})"/> of the string.</summary>
    public int Hash(int position)
    {
        var units = Units(position, out var wide);
        if (wide)
        {
            return string.GetHashCode(MemoryMarshal.Cast<byte, char>(units));
        }

        char[]? rented = null;
        var chars = units.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(units.Length));
        Ascii.ToUtf16(units, chars, out _);
        var hash = string.GetHashCode(chars[..units.Length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return hash;
    }

    public string GetString(int position)
    {
        var units = Units(position, out var wide);
        return wide ? new string(MemoryMarshal.Cast<byte, char>(units)) : Encoding.ASCII.GetString(units);
    }

    private ReadOnlySpan<byte> Units(int position, out bool wide)
    {
        var bytes = _chunks[position >> OffsetBits].AsSpan(position & OffsetMask);
        var header = ReadHeader(bytes, out var length, out wide);
        return bytes.Slice(header, wide ? length * 2 : length);
    }

    // A wide id (it has a non-ASCII code unit) against a narrow one.
    private static int CompareMixed(ReadOnlySpan<char> wide, ReadOnlySpan<byte> narrow)
    {
        var common = Math.Min(wide.Length, narrow.Length);
        for (var i = 0; i < common; i++)
        {
            if (wide[i] != narrow[i])
            {
                return wide[i] - narrow[i];
            }
        }

        return wide.Length - narrow.Length;
    }

    private int NewChunk(int size)
    {
        if (_chunkCount == MaxChunks)
        {
            throw new InvalidOperationException("a score board holds at most 2 GiB of member ids");
        }

        if (_chunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }

        _chunks[_chunkCount] = new byte[size];
        return _chunkCount++;
    }

    private static int HeaderLength(int length)
    {
        var value = (uint)length << 1;
        var bytes = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            bytes++;
        }

        return bytes;
    }

    private static int WriteHeader(uint value, Span<byte> destination)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    private static int ReadHeader(ReadOnlySpan<byte> bytes, out int length, out bool wide)
    {
        uint value = bytes[0];
        var i = 1;
        if (value >= 0x80)
        {
            value &= 0x7F;
            var shift = 7;
            uint next;
            do
            {
                next = bytes[i++];
                value |= (next & 0x7F) << shift;
                shift += 7;
            }
            while (next >= 0x80);
        }

        length = (int)(value >> 1);
        wide = (value & 1) != 0;
        return i;
    }
}
