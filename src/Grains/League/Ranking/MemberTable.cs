namespace Pitstop.Grains.League.Ranking;

/// <summary>
/// The members of a board by id: each member a slot, a small integer that the rank tree holds in
/// place of the id, with its score and where its id is stored. A chained hash table over parallel
/// arrays instead of a <see cref="Dictionary{TKey, TValue}"/> of strings: per member it costs the
/// packed id (<see cref="MemberNames"/>), 16 bytes of slot (chain link, id position, score) and
/// 4–8 bytes of bucket, no object of its own for the garbage collector to trace.
/// </summary>
/// <remarks>
/// Hashes are those of <see cref="string.GetHashCode(ReadOnlySpan{char})"/>, randomised per process
/// like the framework's own dictionaries, so that chosen ids cannot pile into one bucket. They are
/// not stored: growing the buckets hashes the stored ids again, a few times in a board's life.
/// </remarks>
internal sealed class MemberTable
{
    private const int NoSlot = -1;

    // Compaction copies the live ids: only worth it when at least this many bytes are dead.
    private const long CompactionFloor = 64 * 1024;

    private MemberNames _names = new();
    private int[] _buckets = new int[8];  // first slot of each chain, plus one (0 = empty)
    private int[] _next = new int[8];     // next slot in the chain; for a free slot, the next free one
    private int[] _namePositions = new int[8];  // NoSlot for a free slot
    private long[] _scores = new long[8];
    private int _slotsUsed;               // slots ever handed out: [0, _slotsUsed)
    private int _free = NoSlot;

    // The id last looked up, encoded, for the insertion that may follow the lookup.
    private byte[] _probe = new byte[64];
    private int _probeLength;
    private int _probeHash;

    public int Count { get; private set; }

    public long ScoreAt(int slot) => _scores[slot];

    public void SetScore(int slot, long score) => _scores[slot] = score;

    public string NameAt(int slot) => _names.GetString(_namePositions[slot]);

    /// <summary>Ordinal comparison of two members' ids.</summary>
    public int CompareNames(int slotA, int slotB) => _names.Compare(_namePositions[slotA], _namePositions[slotB]);

    /// <summary>The member's slot, or -1. <see cref="AddLastLookedUp"/> may follow to insert it.</summary>
    public int Find(string member)
    {
        _probeLength = MemberNames.EncodedLength(member);
        if (_probe.Length < _probeLength)
        {
            _probe = new byte[Math.Max(_probeLength, _probe.Length * 2)];
        }

        var probe = _probe.AsSpan(0, _probeLength);
        MemberNames.Encode(member, probe);
        _probeHash = string.GetHashCode(member);
        for (var slot = _buckets[Bucket(_probeHash)] - 1; slot != NoSlot; slot = _next[slot])
        {
            if (_names.Matches(_namePositions[slot], probe))
            {
                return slot;
            }
        }

        return NoSlot;
    }

    /// <summary>Inserts the member that the last <see cref="Find"/> did not find, and answers its slot.</summary>
    public int AddLastLookedUp(long score)
    {
        int slot;
        if (_free != NoSlot)
        {
            slot = _free;
            _free = _next[slot];
        }
        else
        {
            if (_slotsUsed == _scores.Length)
            {
                GrowSlots();
            }

            slot = _slotsUsed++;
        }

        _namePositions[slot] = _names.Append(_probe.AsSpan(0, _probeLength));
        _scores[slot] = score;
        var bucket = Bucket(_probeHash);
        _next[slot] = _buckets[bucket] - 1;
        _buckets[bucket] = slot + 1;
        Count++;
        if (Count > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }

        return slot;
    }

    /// <summary>Removes the member that the last <see cref="Find"/> found in <paramref name="slot"/>.</summary>
    public void RemoveLastLookedUp(int slot)
    {
        var bucket = Bucket(_probeHash);
        if (_buckets[bucket] - 1 == slot)
        {
            _buckets[bucket] = _next[slot] + 1;
        }
        else
        {
            var before = _buckets[bucket] - 1;
            while (_next[before] != slot)
            {
                before = _next[before];
            }

            _next[before] = _next[slot];
        }

        _names.Release(_namePositions[slot]);
        _namePositions[slot] = NoSlot;
        _next[slot] = _free;
        _free = slot;
        Count--;
        if (_names.DeadBytes > _names.LiveBytes && _names.DeadBytes >= CompactionFloor)
        {
            CompactNames();
        }
    }

    /// <summary>The ids of every live slot, copied to new chunks: removed ids' bytes are given back.</summary>
    private void CompactNames()
    {
        var fresh = new MemberNames();
        for (var slot = 0; slot < _slotsUsed; slot++)
        {
            if (_namePositions[slot] != NoSlot)
            {
                _namePositions[slot] = fresh.Append(_names.Encoded(_namePositions[slot]));
            }
        }

        _names = fresh;
    }

    private int Bucket(int hash) => hash & (_buckets.Length - 1);

    // Slots grow by half: at a million members a doubling could leave 8 MiB of slots unused.
    private void GrowSlots()
    {
        var capacity = _scores.Length + (_scores.Length / 2);
        Array.Resize(ref _next, capacity);
        Array.Resize(ref _namePositions, capacity);
        Array.Resize(ref _scores, capacity);
    }

    private void Rehash(int bucketCount)
    {
        _buckets = new int[bucketCount];
        for (var slot = 0; slot < _slotsUsed; slot++)
        {
            if (_namePositions[slot] != NoSlot)
            {
                var bucket = Bucket(_names.Hash(_namePositions[slot]));
                _next[slot] = _buckets[bucket] - 1;
                _buckets[bucket] = slot + 1;
            }
        }
    }
}
