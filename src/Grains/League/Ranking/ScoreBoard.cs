namespace Pitstop.Grains.League.Ranking;

/// <summary>
/// One leaderboard: members (staff ids) with scores, ranked. Rank = 1 + the number of members with
/// a strictly higher score, so ties share a rank; the listing orders by score descending, then by
/// member id ordinal ascending. Updates and rank queries cost O(log n), a listing of k members
/// O(log n + k). Not thread-safe: the grain that owns the board serialises its calls.
/// </summary>
/// <remarks>
/// Two parts: <see cref="MemberTable"/> maps an id to a slot and holds the scores and the packed
/// ids; <see cref="RankTree"/>, a counted B+ tree over flat arrays, holds the (score, slot) entries
/// in listing order. At a million members with ids like <c>S-118-T21</c> that is under 60 bytes a
/// member, about half of a Redis sorted set's 109 (benchmarks/RESULTS.md, "league").
/// </remarks>
public sealed class ScoreBoard
{
    // Leaves of 64 entries and branches of 64 children: a million members fit in a tree of
    // height 3 to 4; moving an entry within a leaf shifts at most 768 bytes.
    private const int LeafCapacity = 64;
    private const int BranchCapacity = 64;

    private readonly MemberTable _members = new();
    private readonly RankTree _tree;
    private int _version;  // changes with the listing, so that All() can refuse to go on after a change

    public ScoreBoard()
        : this(LeafCapacity, BranchCapacity)
    {
    }

    /// <summary>A board with other node capacities (at least 4): small ones make deep trees for the tests.</summary>
    internal ScoreBoard(int leafCapacity, int branchCapacity)
    {
        _tree = new RankTree(_members, leafCapacity, branchCapacity);
    }

    public int Count => _members.Count;

    /// <summary>Sets the member's score, adding the member if absent.</summary>
    public void Set(string member, long score)
    {
        ArgumentNullException.ThrowIfNull(member);
        var slot = _members.Find(member);
        if (slot < 0)
        {
            _tree.Insert(score, _members.AddLastLookedUp(score));
        }
        else
        {
            var old = _members.ScoreAt(slot);
            if (old == score)
            {
                return;
            }

            _tree.Move(slot, old, score);
            _members.SetScore(slot, score);
        }

        _version++;
    }

    /// <summary>Adds <paramref name="delta"/> to the member's score; an absent member is added with <paramref name="delta"/>.</summary>
    /// <exception cref="OverflowException">The score would leave the range of <see cref="long"/>; nothing changes.</exception>
    public void Add(string member, long delta)
    {
        ArgumentNullException.ThrowIfNull(member);
        var slot = _members.Find(member);
        if (slot < 0)
        {
            _tree.Insert(delta, _members.AddLastLookedUp(delta));
        }
        else
        {
            if (delta == 0)
            {
                return;
            }

            var old = _members.ScoreAt(slot);
            var score = checked(old + delta);
            _tree.Move(slot, old, score);
            _members.SetScore(slot, score);
        }

        _version++;
    }

    /// <summary>Removes the member; false when it is not on the board.</summary>
    public bool Remove(string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var slot = _members.Find(member);
        if (slot < 0)
        {
            return false;
        }

        _tree.Remove(_members.ScoreAt(slot), slot);
        _members.RemoveLastLookedUp(slot);
        _version++;
        return true;
    }

    public long? ScoreOf(string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var slot = _members.Find(member);
        return slot < 0 ? null : _members.ScoreAt(slot);
    }

    /// <summary>1 + the number of members with a strictly higher score; null when the member is not on the board.</summary>
    public int? RankOf(string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var slot = _members.Find(member);
        return slot < 0 ? null : _tree.CountAbove(_members.ScoreAt(slot)) + 1;
    }

    /// <summary>The first <paramref name="n"/> members of the listing (all of them when fewer), each with its rank.</summary>
    public IReadOnlyList<RankedMember> Top(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return Listing(0, Math.Min(n, Count));
    }

    /// <summary>
    /// The member and up to <paramref name="radius"/> members before and after it in the listing, in
    /// listing order, each with its rank; empty when the member is not on the board.
    /// </summary>
    public IReadOnlyList<RankedMember> Around(string member, int radius)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var slot = _members.Find(member);
        if (slot < 0)
        {
            return [];
        }

        var position = _tree.PositionOf(_members.ScoreAt(slot), slot);
        var first = Math.Max(position - radius, 0);
        var last = (int)Math.Min(Count - 1L, (long)position + radius);
        return Listing(first, last - first + 1);
    }

    /// <summary>The whole listing, in order, each member with its rank (for snapshots). The board must not change meanwhile.</summary>
    /// <exception cref="InvalidOperationException">The board changed during the enumeration.</exception>
    public IEnumerable<RankedMember> All()
    {
        var version = _version;
        if (Count == 0)
        {
            yield break;
        }

        var cursor = _tree.At(0);
        var position = 0;
        var rank = 1;
        var previous = cursor.Score;
        while (true)
        {
            var score = cursor.Score;
            if (score != previous)
            {
                rank = position + 1;
            }

            yield return new RankedMember(rank, _members.NameAt(cursor.Slot), score);
            if (_version != version)
            {
                throw new InvalidOperationException("the score board changed while it was being listed");
            }

            if (!cursor.MoveNext())
            {
                yield break;
            }

            previous = score;
            position++;
        }
    }

    /// <summary>Checks the tree's invariants and that it agrees with the member table (for the tests).</summary>
    internal void CheckInvariants()
    {
        _tree.CheckInvariants();
        if (_tree.Count != _members.Count)
        {
            throw new InvalidOperationException($"the tree holds {_tree.Count} entries for {_members.Count} members");
        }

        if (Count > 0)
        {
            var cursor = _tree.At(0);
            do
            {
                if (_members.ScoreAt(cursor.Slot) != cursor.Score)
                {
                    throw new InvalidOperationException($"member '{_members.NameAt(cursor.Slot)}' scores {_members.ScoreAt(cursor.Slot)}, its entry {cursor.Score}");
                }
            }
            while (cursor.MoveNext());
        }
    }

    /// <summary>Listing positions [first, first + length), with ranks: the first from the tree, the rest from their positions.</summary>
    private RankedMember[] Listing(int first, int length)
    {
        if (length == 0)
        {
            return [];
        }

        var result = new RankedMember[length];
        var cursor = _tree.At(first);
        var rank = first == 0 ? 1 : _tree.CountAbove(cursor.Score) + 1;
        var previous = cursor.Score;
        for (var i = 0; i < length; i++)
        {
            if (i > 0)
            {
                cursor.MoveNext();
            }

            var score = cursor.Score;
            if (score != previous)
            {
                rank = first + i + 1;
            }

            result[i] = new RankedMember(rank, _members.NameAt(cursor.Slot), score);
            previous = score;
        }

        return result;
    }
}
