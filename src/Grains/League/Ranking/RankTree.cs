namespace Pitstop.Grains.League.Ranking;

/// <summary>
/// A board's listing — one (score, slot) entry per member, in listing order: score descending,
/// then member id ordinal ascending — as a counted B+ tree held in a few flat arrays. Leaves hold
/// the entries; each branch holds, per child, the child's entry count (so positions and ranks are
/// found in one descent) and the child's first entry (a separator, to route a key).
/// </summary>
/// <remarks>
/// Why this shape: a million members must rank in O(log n) and fit in less memory than Redis's
/// sorted set. A node object per member (a red-black tree, or Redis's own skip list) costs an
/// object header and two to four references per member, and a cache miss at every step of a
/// 20-to-40-step search. Here an entry costs its 12 bytes in a leaf (at the 69 % average fill of
/// random inserts, about 18 bytes); a search is three or four binary searches within contiguous
/// nodes; and the arrays hold no references for the garbage collector to trace. Leaves and
/// branches are not objects but indexes into the arrays.
/// <para>
/// Invariants (checked by <see cref="CheckInvariants"/>): every leaf at depth <c>height</c>; a
/// leaf other than the root holds between half its capacity and its capacity, a branch other than
/// the root between half its capacity and its capacity children, the root branch at least two; a
/// branch's count for a child is that child's number of entries; a separator is exactly the first
/// entry of its child — so it never names a removed member, whose slot may be reused; the leaves,
/// chained by <c>_leafNext</c>, list every entry in order.
/// </para>
/// Each node has one spare place: an insertion goes in first and the node splits after.
/// </remarks>
internal sealed partial class RankTree
{
    private const int None = -1;

    // Enough for int.MaxValue entries at the smallest capacities (4): half-full nodes of 2.
    private const int MaxHeight = 32;

    private readonly MemberTable _members;
    private readonly int _leafCapacity;
    private readonly int _leafMin;
    private readonly int _leafStride;
    private readonly int _branchCapacity;
    private readonly int _branchMin;
    private readonly int _branchStride;

    // Leaf i's entries are at [i * _leafStride, i * _leafStride + _leafSize[i]).
    private long[] _scores;
    private int[] _slots;
    private int[] _leafSize;
    private int[] _leafNext;  // the next leaf in listing order, or None; for a free leaf, the next free one
    private int _leavesUsed;
    private int _freeLeaf = None;

    // Branch b's children are at [b * _branchStride, b * _branchStride + _branchSize[b]); the separator
    // of the first child is unused. A free branch links the next free one in its first child.
    private int[] _children;
    private int[] _counts;
    private long[] _separatorScores;
    private int[] _separatorSlots;
    private int[] _branchSize;
    private int _branchesUsed;
    private int _freeBranch = None;

    private int _root;
    private int _height;  // 0: the root is a leaf

    // The path of the last Locate: at level 1.._height the branch and the child taken; at level 0
    // the leaf and the entry's index in it (where it is, or where it belongs).
    private readonly int[] _pathNode = new int[MaxHeight + 1];
    private readonly int[] _pathIndex = new int[MaxHeight + 1];

    public RankTree(MemberTable members, int leafCapacity, int branchCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leafCapacity, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(branchCapacity, 4);
        _members = members;
        _leafCapacity = leafCapacity;
        _leafMin = leafCapacity / 2;
        _leafStride = leafCapacity + 1;
        _branchCapacity = branchCapacity;
        _branchMin = branchCapacity / 2;
        _branchStride = branchCapacity + 1;
        _scores = new long[_leafStride];
        _slots = new int[_leafStride];
        _leafSize = new int[1];
        _leafNext = new int[1];
        _children = [];
        _counts = [];
        _separatorScores = [];
        _separatorSlots = [];
        _branchSize = [];
        _root = NewLeaf();
    }

    public int Count { get; private set; }

    public void Insert(long score, int slot)
    {
        Locate(score, slot);
        AdjustPathCounts(+1);
        InsertIntoLeaf(score, slot);
        Count++;
    }

    public void Remove(long score, int slot)
    {
        Locate(score, slot);
        AdjustPathCounts(-1);
        RemoveAtPath();
        Count--;
    }

    /// <summary>Changes the score of the member in <paramref name="slot"/>.</summary>
    public void Move(int slot, long from, long to)
    {
        Locate(from, slot);

        // Where the entry keeps its place between its neighbours in the leaf, only its score
        // changes: no count does. Not at the leaf's first place, which a separator repeats.
        var leaf = _pathNode[0];
        var at = (leaf * _leafStride) + _pathIndex[0];
        if (_pathIndex[0] > 0 && _pathIndex[0] < _leafSize[leaf] - 1
            && Compare(_scores[at - 1], _slots[at - 1], to, slot) < 0
            && Compare(to, slot, _scores[at + 1], _slots[at + 1]) < 0)
        {
            _scores[at] = to;
            return;
        }

        AdjustPathCounts(-1);
        RemoveAtPath();
        Locate(to, slot);
        AdjustPathCounts(+1);
        InsertIntoLeaf(to, slot);
    }

    /// <summary>How many entries have a score strictly above <paramref name="score"/>.</summary>
    public int CountAbove(long score)
    {
        var node = _root;
        var above = 0;
        for (var level = _height; level > 0; level--)
        {
            // The last child whose first entry scores above: the children before it lie wholly
            // above, those after it wholly at or below.
            var start = node * _branchStride;
            int lo = 1, hi = _branchSize[node];
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_separatorScores[start + mid] > score)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            above += SumCounts(start, lo - 1);
            node = _children[start + lo - 1];
        }

        var first = node * _leafStride;
        int low = 0, high = _leafSize[node];
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_scores[first + mid] > score)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return above + low;
    }

    /// <summary>The entry's place in the listing, from 0.</summary>
    public int PositionOf(long score, int slot)
    {
        Locate(score, slot);
        var position = _pathIndex[0];
        for (var level = 1; level <= _height; level++)
        {
            position += SumCounts(_pathNode[level] * _branchStride, _pathIndex[level]);
        }

        return position;
    }

    /// <summary>A cursor on the entry at <paramref name="position"/> (0 ≤ position &lt; <see cref="Count"/>).</summary>
    public Cursor At(int position)
    {
        var node = _root;
        for (var level = _height; level > 0; level--)
        {
            var start = node * _branchStride;
            var child = 0;
            while (position >= _counts[start + child])
            {
                position -= _counts[start + child];
                child++;
            }

            node = _children[start + child];
        }

        return new Cursor(this, node, position);
    }

    /// <summary>
    /// Listing order: negative when (scoreA, slotA) comes first. Ids are compared only between
    /// equal scores, and slots are unique, so entries never compare equal to another's.
    /// </summary>
    private int Compare(long scoreA, int slotA, long scoreB, int slotB) =>
        scoreA != scoreB ? (scoreA > scoreB ? -1 : 1)
        : slotA == slotB ? 0
        : _members.CompareNames(slotA, slotB);

    /// <summary>Descends to the leaf where (score, slot) is or belongs, recording the path.</summary>
    private void Locate(long score, int slot)
    {
        var node = _root;
        for (var level = _height; level > 0; level--)
        {
            // The last child whose first entry is not after the key.
            var start = node * _branchStride;
            int lo = 1, hi = _branchSize[node];
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Compare(_separatorScores[start + mid], _separatorSlots[start + mid], score, slot) <= 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            _pathNode[level] = node;
            _pathIndex[level] = lo - 1;
            node = _children[start + lo - 1];
        }

        var first = node * _leafStride;
        int low = 0, high = _leafSize[node];
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Compare(_scores[first + mid], _slots[first + mid], score, slot) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        _pathNode[0] = node;
        _pathIndex[0] = low;
    }

    private void AdjustPathCounts(int delta)
    {
        for (var level = 1; level <= _height; level++)
        {
            _counts[(_pathNode[level] * _branchStride) + _pathIndex[level]] += delta;
        }
    }

    private int SumCounts(int start, int children)
    {
        var sum = 0;
        foreach (var count in _counts.AsSpan(start, children))
        {
            sum += count;
        }

        return sum;
    }

    private int Total(int branch) => SumCounts(branch * _branchStride, _branchSize[branch]);

    /// <summary>A position in the listing, moving forward along the chain of leaves.</summary>
    public struct Cursor
    {
        private readonly RankTree _tree;
        private int _leaf;
        private int _index;

        internal Cursor(RankTree tree, int leaf, int index)
        {
            _tree = tree;
            _leaf = leaf;
            _index = index;
        }

        public readonly long Score => _tree._scores[(_leaf * _tree._leafStride) + _index];

        public readonly int Slot => _tree._slots[(_leaf * _tree._leafStride) + _index];

        /// <summary>Moves to the next entry; false at the end of the listing.</summary>
        public bool MoveNext()
        {
            if (++_index < _tree._leafSize[_leaf])
            {
                return true;
            }

            var next = _tree._leafNext[_leaf];
            if (next == None)
            {
                _index--;
                return false;
            }

            _leaf = next;
            _index = 0;
            return true;
        }
    }
}
