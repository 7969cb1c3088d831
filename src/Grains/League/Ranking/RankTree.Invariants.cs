namespace Pitstop.Grains.League.Ranking;

/// <summary>
/// The tree's invariants (see <see cref="RankTree"/>), checked in full by the model-based tests
/// after each operation: a broken separator or count may not show in any answer until much later.
/// </summary>
internal sealed partial class RankTree
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invariant broken.</summary>
    public void CheckInvariants()
    {
        var leaves = new List<int>();
        var total = CheckSubtree(_root, _height, isRoot: true, leaves);
        Require(total == Count, $"the tree holds {total} entries, Count says {Count}");

        // The chain of leaves is the tree's leaves in order, and lists the entries in order.
        var leaf = leaves.Count > 0 ? leaves[0] : None;
        for (var i = 0; i < leaves.Count; i++, leaf = _leafNext[leaf])
        {
            Require(leaf == leaves[i], $"the chain of leaves has leaf {leaf} where the tree has {leaves[i]}");
        }

        Require(leaf == None, "the chain of leaves goes on past the last leaf");
        long previousScore = 0;
        var previousSlot = None;
        foreach (var l in leaves)
        {
            for (var i = 0; i < _leafSize[l]; i++)
            {
                var at = (l * _leafStride) + i;
                Require(previousSlot == None || Compare(previousScore, previousSlot, _scores[at], _slots[at]) < 0,
                    $"entry (score {_scores[at]}, slot {_slots[at]}) is out of order");
                previousScore = _scores[at];
                previousSlot = _slots[at];
            }
        }
    }

    /// <summary>The subtree's entry count, after checking its sizes, counts, separators and depth.</summary>
    private int CheckSubtree(int node, int level, bool isRoot, List<int> leaves)
    {
        if (level == 0)
        {
            Require(_leafSize[node] <= _leafCapacity && (isRoot || _leafSize[node] >= _leafMin),
                $"leaf {node} holds {_leafSize[node]} entries");
            leaves.Add(node);
            return _leafSize[node];
        }

        var size = _branchSize[node];
        Require(size <= _branchCapacity && size >= (isRoot ? 2 : _branchMin), $"branch {node} has {size} children");
        var first = node * _branchStride;
        var total = 0;
        for (var c = 0; c < size; c++)
        {
            var count = CheckSubtree(_children[first + c], level - 1, isRoot: false, leaves);
            Require(count == _counts[first + c], $"branch {node} counts {_counts[first + c]} entries in child {c}, which holds {count}");
            if (c > 0)
            {
                var (score, slot) = FirstEntry(_children[first + c], level - 1);
                Require(score == _separatorScores[first + c] && slot == _separatorSlots[first + c],
                    $"branch {node}'s separator for child {c} is not the child's first entry");
            }

            total += count;
        }

        return total;
    }

    private (long Score, int Slot) FirstEntry(int node, int level)
    {
        for (; level > 0; level--)
        {
            node = _children[node * _branchStride];
        }

        return (_scores[node * _leafStride], _slots[node * _leafStride]);
    }

    private static void Require(bool condition, string broken)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"rank tree invariant broken: {broken}");
        }
    }
}
