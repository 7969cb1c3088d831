namespace Pitstop.Grains.League.Ranking;

/// <summary>
/// Removal: from the located leaf, then, while a node is less than half full, a merge with a
/// sibling or entries borrowed from it. Keeping every node at least half full keeps the memory per
/// member bounded however the scores move (a month of increments drains the low end of a board).
/// </summary>
internal sealed partial class RankTree
{
    /// <summary>Removes the located entry; the path's counts already exclude it.</summary>
    private void RemoveAtPath()
    {
        var leaf = _pathNode[0];
        var index = _pathIndex[0];
        var first = leaf * _leafStride;
        var size = --_leafSize[leaf];
        _scores.AsSpan(first + index + 1, size - index).CopyTo(_scores.AsSpan(first + index));
        _slots.AsSpan(first + index + 1, size - index).CopyTo(_slots.AsSpan(first + index));
        if (index == 0 && size > 0)
        {
            RefreshSeparator(_scores[first], _slots[first]);
        }

        if (_height > 0 && size < _leafMin)
        {
            RebalanceLeaf();
        }
    }

    /// <summary>
    /// The path's leaf has a new first entry: so has every subtree it begins, up to the lowest branch
    /// where the path does not take the first child, whose separator is that entry.
    /// </summary>
    private void RefreshSeparator(long score, int slot)
    {
        for (var level = 1; level <= _height; level++)
        {
            if (_pathIndex[level] > 0)
            {
                var at = (_pathNode[level] * _branchStride) + _pathIndex[level];
                _separatorScores[at] = score;
                _separatorSlots[at] = slot;
                return;
            }
        }
    }

    /// <summary>The path's leaf is under half full: merge it with a sibling, or even the two out.</summary>
    private void RebalanceLeaf()
    {
        var parentFirst = _pathNode[1] * _branchStride;
        var pair = Math.Max(_pathIndex[1] - 1, 0);  // the left sibling if there is one, else the right
        var left = _children[parentFirst + pair];
        var right = _children[parentFirst + pair + 1];
        var leftSize = _leafSize[left];
        var rightSize = _leafSize[right];
        var leftFirst = left * _leafStride;
        var rightFirst = right * _leafStride;

        if (leftSize + rightSize <= _leafCapacity)
        {
            _scores.AsSpan(rightFirst, rightSize).CopyTo(_scores.AsSpan(leftFirst + leftSize));
            _slots.AsSpan(rightFirst, rightSize).CopyTo(_slots.AsSpan(leftFirst + leftSize));
            _leafSize[left] = leftSize + rightSize;
            _leafNext[left] = _leafNext[right];
            FreeLeaf(right);
            _counts[parentFirst + pair] += _counts[parentFirst + pair + 1];
            RemoveChild(1, pair + 1);
            return;
        }

        var total = leftSize + rightSize;
        var newLeft = total / 2;
        if (leftSize < newLeft)
        {
            // The right's first entries go to the end of the left.
            var moved = newLeft - leftSize;
            _scores.AsSpan(rightFirst, moved).CopyTo(_scores.AsSpan(leftFirst + leftSize));
            _slots.AsSpan(rightFirst, moved).CopyTo(_slots.AsSpan(leftFirst + leftSize));
            _scores.AsSpan(rightFirst + moved, rightSize - moved).CopyTo(_scores.AsSpan(rightFirst));
            _slots.AsSpan(rightFirst + moved, rightSize - moved).CopyTo(_slots.AsSpan(rightFirst));
        }
        else
        {
            // The left's last entries go to the front of the right.
            var moved = leftSize - newLeft;
            _scores.AsSpan(rightFirst, rightSize).CopyTo(_scores.AsSpan(rightFirst + moved));
            _slots.AsSpan(rightFirst, rightSize).CopyTo(_slots.AsSpan(rightFirst + moved));
            _scores.AsSpan(leftFirst + newLeft, moved).CopyTo(_scores.AsSpan(rightFirst));
            _slots.AsSpan(leftFirst + newLeft, moved).CopyTo(_slots.AsSpan(rightFirst));
        }

        _leafSize[left] = newLeft;
        _leafSize[right] = total - newLeft;
        _counts[parentFirst + pair] = newLeft;
        _counts[parentFirst + pair + 1] = total - newLeft;
        _separatorScores[parentFirst + pair + 1] = _scores[rightFirst];
        _separatorSlots[parentFirst + pair + 1] = _slots[rightFirst];
    }

    /// <summary>Removes child <paramref name="index"/> (not the first) of the path's branch at <paramref name="level"/>.</summary>
    private void RemoveChild(int level, int index)
    {
        var branch = _pathNode[level];
        var at = (branch * _branchStride) + index;
        var after = _branchSize[branch] - index - 1;
        _children.AsSpan(at + 1, after).CopyTo(_children.AsSpan(at));
        _counts.AsSpan(at + 1, after).CopyTo(_counts.AsSpan(at));
        _separatorScores.AsSpan(at + 1, after).CopyTo(_separatorScores.AsSpan(at));
        _separatorSlots.AsSpan(at + 1, after).CopyTo(_separatorSlots.AsSpan(at));
        var size = --_branchSize[branch];

        if (level == _height)
        {
            if (size == 1)
            {
                // A root with one child: the child becomes the root.
                _root = _children[branch * _branchStride];
                _height--;
                FreeBranch(branch);
            }
        }
        else if (size < _branchMin)
        {
            RebalanceBranch(level);
        }
    }

    /// <summary>The path's branch at <paramref name="level"/> is under half full: merge or even out with a sibling.</summary>
    private void RebalanceBranch(int level)
    {
        var parentFirst = _pathNode[level + 1] * _branchStride;
        var pair = Math.Max(_pathIndex[level + 1] - 1, 0);
        var left = _children[parentFirst + pair];
        var right = _children[parentFirst + pair + 1];
        var leftSize = _branchSize[left];
        var rightSize = _branchSize[right];
        var leftFirst = left * _branchStride;
        var rightFirst = right * _branchStride;

        // Between the two, the right's first child is bounded by the parent's separator.
        _separatorScores[rightFirst] = _separatorScores[parentFirst + pair + 1];
        _separatorSlots[rightFirst] = _separatorSlots[parentFirst + pair + 1];

        if (leftSize + rightSize <= _branchCapacity)
        {
            MoveChildren(rightFirst, leftFirst + leftSize, rightSize);
            _branchSize[left] = leftSize + rightSize;
            FreeBranch(right);
            _counts[parentFirst + pair] += _counts[parentFirst + pair + 1];
            RemoveChild(level + 1, pair + 1);
            return;
        }

        var total = leftSize + rightSize;
        var newLeft = total / 2;
        if (leftSize < newLeft)
        {
            var moved = newLeft - leftSize;
            MoveChildren(rightFirst, leftFirst + leftSize, moved);
            MoveChildren(rightFirst + moved, rightFirst, rightSize - moved);
        }
        else
        {
            var moved = leftSize - newLeft;
            MoveChildren(rightFirst, rightFirst + moved, rightSize);
            MoveChildren(leftFirst + newLeft, rightFirst, moved);
        }

        _branchSize[left] = newLeft;
        _branchSize[right] = total - newLeft;
        _counts[parentFirst + pair] = Total(left);
        _counts[parentFirst + pair + 1] = Total(right);
        _separatorScores[parentFirst + pair + 1] = _separatorScores[rightFirst];
        _separatorSlots[parentFirst + pair + 1] = _separatorSlots[rightFirst];
    }

    // Children with their counts and separators, between or within branches (overlap allowed).
    private void MoveChildren(int from, int to, int length)
    {
        _children.AsSpan(from, length).CopyTo(_children.AsSpan(to));
        _counts.AsSpan(from, length).CopyTo(_counts.AsSpan(to));
        _separatorScores.AsSpan(from, length).CopyTo(_separatorScores.AsSpan(to));
        _separatorSlots.AsSpan(from, length).CopyTo(_separatorSlots.AsSpan(to));
    }
}
