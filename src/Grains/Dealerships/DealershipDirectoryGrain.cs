using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Grains.Dealerships;

public sealed class DealershipDirectoryGrain(
    [PersistentState("dealership-directory", StorageNames.Reference)] IPersistentState<DealershipDirectoryState> state)
    : Grain, IDealershipDirectoryGrain
{
    public async Task AddAsync(string dealershipId, DealershipProfile profile)
    {
        if (state.State.Dealerships.TryGetValue(dealershipId, out var known) && known == profile)
        {
            return;
        }

        state.State.Dealerships[dealershipId] = profile;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlySet<string>> FindUnknownAsync(IReadOnlyCollection<string> dealershipIds) =>
        Task.FromResult<IReadOnlySet<string>>(
            dealershipIds.Where(id => !state.State.Dealerships.ContainsKey(id)).ToHashSet(StringComparer.Ordinal));

    public Task<IReadOnlyDictionary<string, DealershipProfile>> ListAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, DealershipProfile>>(new Dictionary<string, DealershipProfile>(state.State.Dealerships));
}
