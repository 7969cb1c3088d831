namespace Pitstop.Silo.Streams;

/// <summary>
/// Who holds a queue lease: the silo that took it, by address (generation included). A lease whose
/// holder the cluster's membership declares dead (a silo killed, or one that stopped answering its
/// probes) is void at once, so the partition's next reader takes those rows then rather than after
/// <see cref="PostgresStreamOptions.LeaseDuration"/>, the 30 s during which a killed silo's
/// partitions would otherwise deliver nothing. A silo declared dead stops itself as soon as it
/// learns it; anything it delivered in between is delivered again, which idempotency absorbs.
/// </summary>
internal sealed class QueueLeaseHolders(string self, Func<string[]> dead)
{
    /// <summary>The name this silo's leases carry.</summary>
    public string Self => self;

    /// <summary>The holders whose leases are void.</summary>
    public string[] Dead() => dead();

    /// <summary>This silo, and the silos its view of the membership declares dead.</summary>
    public static QueueLeaseHolders Of(ILocalSiloDetails silo, IClusterMembershipService membership)
    {
        var known = new DeadSilos(MembershipVersion.MinValue, []);
        return new QueueLeaseHolders(silo.SiloAddress.ToParsableString(), () =>
        {
            // Computed again only when the membership changes; a poll (every 20 ms) reads the cache.
            var snapshot = membership.CurrentSnapshot;
            var last = Volatile.Read(ref known);
            if (last.Version == snapshot.Version)
            {
                return last.Names;
            }

            var current = new DeadSilos(
                snapshot.Version,
                [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress.ToParsableString())]);
            Volatile.Write(ref known, current);
            return current.Names;
        });
    }

    private sealed record DeadSilos(MembershipVersion Version, string[] Names);
}
