using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.League;

/// <summary>
/// A silo's copy of the challenge catalogue, which every staff grain decides its event batches with.
/// Asking the one catalogue grain for every batch would put a single activation on the path of all
/// the league's traffic; so the copy is read again only once it is <see cref="Freshness"/> old (one
/// call per silo at most that often, whatever the traffic), and the catalogue grain hands each new
/// version to its own silo's copy at once. A change reaches the other silos within
/// <see cref="Freshness"/>: a challenge is scheduled ahead of its first day, so no event of its run is judged without it.
/// </summary>
public sealed class ChallengeCatalogCopy(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private ChallengeCatalog _catalog = ChallengeCatalog.Empty;
    private long? _readAt;
    private Task<ChallengeCatalog>? _reading;

    public Task<ChallengeCatalog> CurrentAsync()
    {
        lock (_lock)
        {
            if (_readAt is { } readAt && time.GetElapsedTime(readAt) < Freshness)
            {
                return Task.FromResult(_catalog);
            }

            // One read at a time: the batches that find the copy old meanwhile wait on the same one.
            if (_reading is null || _reading.IsCompleted)
            {
                _reading = ReadAsync();
            }

            return _reading;
        }
    }

    /// <summary>Takes a version the catalogue just wrote (or read), unless the copy already holds a later one.</summary>
    public void Offer(ChallengeCatalog catalog)
    {
        lock (_lock)
        {
            if (catalog.Version >= _catalog.Version)
            {
                _catalog = catalog;
                _readAt = time.GetTimestamp();
            }
        }
    }

    private async Task<ChallengeCatalog> ReadAsync()
    {
        Offer(await grains.Reference<IChallengeCatalogGrain>(IChallengeCatalogGrain.Key).CatalogAsync());
        lock (_lock)
        {
            return _catalog;
        }
    }
}
