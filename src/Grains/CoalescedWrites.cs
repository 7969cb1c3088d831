namespace Pitstop.Grains;

/// <summary>
/// Group commit inside a reentrant grain that many callers report to at once (a census slice, a
/// review day, a dealership budget): each caller changes the state in memory and counts the
/// change, then waits until a write that began after its change has finished. One write is in
/// flight at a time, and the changes made meanwhile are all persisted by the next one, so a burst
/// costs a write per round, not per caller. When a write fails, the callers waiting on it fail and
/// retry; what memory then holds is the grain's choice (the census keeps its changes for the next
/// write, the budget reads its state back).
/// </summary>
internal sealed class CoalescedWrites(Func<Task> write)
{
    // Changes made in memory, and how many of them storage holds.
    private long _changes;
    private long _stored;
    private Task? _writing;

    public void Changed() => _changes++;

    /// <summary>
    /// Waits until storage holds every change counted so far. A caller whose call changed nothing
    /// waits too: it may be the retry of a change whose write failed.
    /// </summary>
    public async Task StoredAsync()
    {
        var mine = _changes;
        while (_stored < mine)
        {
            var writing = _writing ??= WriteAsync();
            try
            {
                await writing;
            }
            finally
            {
                if (ReferenceEquals(_writing, writing))
                {
                    _writing = null;
                }
            }
        }
    }

    private async Task WriteAsync()
    {
        var upTo = _changes;
        await write();
        _stored = upTo;
    }
}
