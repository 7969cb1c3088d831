using Pitstop.Grains.Interfaces.Webhooks;

namespace Pitstop.Grains.Webhooks;

/// <summary>The ids of the subscriptions; each subscription's own grain holds the rest.</summary>
public sealed class WebhookDirectoryGrain(
    [PersistentState("webhook-directory", StorageNames.Reference)] IPersistentState<WebhookDirectoryState> state)
    : Grain, IWebhookDirectoryGrain
{
    public async Task AddAsync(string webhookId)
    {
        if (state.State.Ids.Add(webhookId))
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    public async Task RemoveAsync(string webhookId)
    {
        if (state.State.Ids.Remove(webhookId))
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Ids.Order(StringComparer.Ordinal)]);
}

[GenerateSerializer, Alias("pitstop.WebhookDirectoryState")]
public sealed class WebhookDirectoryState
{
    [Id(0)] public HashSet<string> Ids { get; set; } = new(StringComparer.Ordinal);
}
