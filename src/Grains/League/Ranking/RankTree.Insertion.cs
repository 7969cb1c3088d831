namespace Pitstop.Grains.League.Ranking;

/// <summary>Insertion: into the located leaf, then splits upward while a node overflows.</summary>
internal sealed partial class RankTree
{
    /// <summary>Inserts at the located place; the path's counts already include the entry.</summary>
    private void InsertIntoLeaf(long score, int slot)
    {
        var leaf = _pathNode[0];
        var at = (leaf * _leafStride) + _pathIndex[0];
        var after = _leafSize[leaf] - _pathIndex[0];
        _scores.AsSpan(at, after).CopyTo(_scores.AsSpan(at + 1));
        _slots.AsSpan(at, after).CopyTo(_slots.AsSpan(at + 1));
        _scores[at] = score;
        _slots[at] = slot;
        if (++_leafSize[leaf] > _leafCapacity)
        {
            SplitLeaf(leaf);
        }
    }

    private void SplitLeaf(int leaf)
    {
        var right = NewLeaf();
        var size = _leafSize[leaf];
        var keep = (size + 1) / 2;
        var moved = size - keep;
        var from = (leaf * _leafStride) + keep;
        var to = right * _leafStride;
        _scores.AsSpan(from, moved).CopyTo(_scores.AsSpan(to));
        _slots.AsSpan(from, moved).CopyTo(_slots.AsSpan(to));
        _leafSize[leaf] = keep;
        _leafSize[right] = moved;
        _leafNext[right] = _leafNext[leaf];
        _leafNext[leaf] = right;
        AddChild(1, keep, right, moved, _scores[to], _slots[to]);
    }

    /// <summary>
    /// Puts <paramref name="right"/>, split off the path's node at <paramref name="level"/> − 1, after
    /// it in the path's branch at <paramref name="level"/> (a new root above the old one when there
    /// is none), and sets both children's counts.
    /// </summary>
    private void AddChild(int level, int leftCount, int right, int rightCount, long separatorScore, int separatorSlot)
    {
        if (level > _height)
        {
            var root = NewBranch();
            var first = root * _branchStride;
            _children[first] = _root;
            _counts[first] = leftCount;
            _children[first + 1] = right;
            _counts[first + 1] = rightCount;
            _separatorScores[first + 1] = separatorScore;
            _separatorSlots[first + 1] = separatorSlot;
            _branchSize[root] = 2;
            _root = root;
            _height = level;
            return;
        }

        var branch = _pathNode[level];
        var at = (branch * _branchStride) + _pathIndex[level] + 1;
        var after = _branchSize[branch] - _pathIndex[level] - 1;
        _children.AsSpan(at, after).CopyTo(_children.AsSpan(at + 1));
        _counts.AsSpan(at, after).CopyTo(_counts.AsSpan(at + 1));
        _separatorScores.AsSpan(at, after).CopyTo(_separatorScores.AsSpan(at + 1));
        _separatorSlots.AsSpan(at, after).CopyTo(_separatorSlots.AsSpan(at + 1));
        _children[at] = right;
        _counts[at] = rightCount;
        _separatorScores[at] = separatorScore;
        _separatorSlots[at] = separatorSlot;
        _counts[at - 1] = leftCount;
        if (++_branchSize[branch] > _branchCapacity)
        {
            SplitBranch(level);
        }
    }

    private void SplitBranch(int level)
    {
        var branch = _pathNode[level];
        var right = NewBranch();
        var size = _branchSize[branch];
        var keep = (size + 1) / 2;
        var moved = size - keep;
        var from = (branch * _branchStride) + keep;
        var to = right * _branchStride;
        _children.AsSpan(from, moved).CopyTo(_children.AsSpan(to));
        _counts.AsSpan(from, moved).CopyTo(_counts.AsSpan(to));
        _separatorScores.AsSpan(from, moved).CopyTo(_separatorScores.AsSpan(to));
        _separatorSlots.AsSpan(from, moved).CopyTo(_separatorSlots.AsSpan(to));
        _branchSize[branch] = keep;
        _branchSize[right] = moved;

        // The right half's first separator moves up: in the right branch it is unused.
        AddChild(level + 1, Total(branch), right, Total(right), _separatorScores[to], _separatorSlots[to]);
    }
}
