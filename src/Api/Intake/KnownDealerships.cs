using System.Collections.Concurrent;
using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Api.Intake;

/// <summary>
/// Which dealerships are registered, as the intake needs to know for every batch. A dealership,
/// once registered, stays registered (there is no way to remove one), so ids found in the
/// directory are remembered and only ids never seen before cost a call to the cluster.
/// </summary>
public sealed class KnownDealerships(IGrainFactory grains)
{
    /// <summary>The error of a field naming a dealership that is not registered.</summary>
    public const string UnregisteredMessage = "must be a registered dealership";

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, DealershipProfile> _profiles = new Dictionary<string, DealershipProfile>();

    /// <summary>
    /// The state a dealership is in (credentials are scoped by state), or null for an unregistered
    /// one. The directory is read again only for an id not seen yet (150 dealerships: one small
    /// answer). Known limit: a dealership moved to another state is seen there by this node after
    /// a restart.
    /// </summary>
    public async Task<string?> StateOfAsync(string dealershipId)
    {
        if (!_profiles.TryGetValue(dealershipId, out var profile))
        {
            _profiles = await grains.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
            profile = _profiles.GetValueOrDefault(dealershipId);
        }

        return profile?.State;
    }

    /// <summary>Those of the given ids that are not registered.</summary>
    public async Task<IReadOnlySet<string>> FindUnknownAsync(IEnumerable<string> dealershipIds)
    {
        var unseen = dealershipIds.Where(id => !_known.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (unseen.Count == 0)
        {
            return new HashSet<string>();
        }

        var unknown = await grains.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).FindUnknownAsync(unseen);
        foreach (var id in unseen.Where(id => !unknown.Contains(id)))
        {
            _known.TryAdd(id, true);
        }

        return unknown;
    }
}
