namespace Pitstop.Silo.Streams;

/// <summary>
/// Telling the dealerships' routers which accepted events a client will wait for
/// (<c>?wait=applied</c>). The intake does it before the events can be delivered, inside the
/// acceptance its node's concurrent requests share, so every announcement is bounded: a router that
/// is slow to answer (its silo stopping, a long delivery) costs only the request that waits on it.
/// </summary>
public static class Announcements
{
    /// <summary>How long an announcement may take; far above a router's usual answer (well under a millisecond).</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    /// <summary>Runs the announcements at once (null: none for that write); answers the positions of those that failed or outlasted <see cref="Bound"/>.</summary>
    public static async Task<IReadOnlySet<int>> FailedAsync(IEnumerable<Func<Task>?> announcements)
    {
        var runs = announcements.Select((announce, i) => (Index: i, Run: announce is null ? null : BoundedAsync(announce))).Where(r => r.Run is not null).ToList();
        var succeeded = await Task.WhenAll(runs.Select(r => r.Run!));
        return runs.Where((r, n) => !succeeded[n]).Select(r => r.Index).ToHashSet();
    }

    private static async Task<bool> BoundedAsync(Func<Task> announce)
    {
        try
        {
            await announce().WaitAsync(Bound);
            return true;
        }
        catch (Exception)
        {
            // Withdrawn: the client is answered 503 and sends the batch again; a late announcement
            // only leaves keys pending in a router's memory, which forgets them (SettlementWatch.Memory).
            return false;
        }
    }
}
