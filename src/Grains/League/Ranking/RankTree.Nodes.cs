namespace Pitstop.Grains.League.Ranking;

/// <summary>
/// Leaves and branches: places in the arrays, handed out from a free list first. The arrays grow
/// by half, not double: at a million members a doubling could leave megabytes unused.
/// </summary>
internal sealed partial class RankTree
{
    private int NewLeaf()
    {
        int leaf;
        if (_freeLeaf != None)
        {
            leaf = _freeLeaf;
            _freeLeaf = _leafNext[leaf];
        }
        else
        {
            if (_leavesUsed == _leafSize.Length)
            {
                var capacity = Grown(_leafSize.Length);
                Array.Resize(ref _leafSize, capacity);
                Array.Resize(ref _leafNext, capacity);
                Array.Resize(ref _scores, capacity * _leafStride);
                Array.Resize(ref _slots, capacity * _leafStride);
            }

            leaf = _leavesUsed++;
        }

        _leafSize[leaf] = 0;
        _leafNext[leaf] = None;
        return leaf;
    }

    private void FreeLeaf(int leaf)
    {
        _leafSize[leaf] = 0;
        _leafNext[leaf] = _freeLeaf;
        _freeLeaf = leaf;
    }

    private int NewBranch()
    {
        int branch;
        if (_freeBranch != None)
        {
            branch = _freeBranch;
            _freeBranch = _children[branch * _branchStride];
        }
        else
        {
            if (_branchesUsed == _branchSize.Length)
            {
                var capacity = Grown(_branchSize.Length);
                Array.Resize(ref _branchSize, capacity);
                Array.Resize(ref _children, capacity * _branchStride);
                Array.Resize(ref _counts, capacity * _branchStride);
                Array.Resize(ref _separatorScores, capacity * _branchStride);
                Array.Resize(ref _separatorSlots, capacity * _branchStride);
            }

            branch = _branchesUsed++;
        }

        _branchSize[branch] = 0;
        return branch;
    }

    private void FreeBranch(int branch)
    {
        _branchSize[branch] = 0;
        _children[branch * _branchStride] = _freeBranch;
        _freeBranch = branch;
    }

    private static int Grown(int capacity) => Math.Max(capacity + (capacity / 2), capacity + 2);
}
