namespace Pitstop.Grains;

/// <summary>
/// Writing a grain's state so that memory never runs ahead of storage: when the write fails (or
/// work done before it does), the state is read back and the activation dropped, so the caller's
/// retry starts again from what is stored.
/// </summary>
internal static class StateWrites
{
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReloadAsync(grain);
            throw;
        }
    }

    /// <summary>Runs work that must come before the write; when it fails, the state is read back before the failure goes on.</summary>
    public static async Task OrReloadAsync<T>(this IPersistentState<T> state, IGrainBase grain, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch
        {
            await state.ReloadAsync(grain);
            throw;
        }
    }

    public static async Task ReloadAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        grain.DeactivateOnIdle();
        await state.ReadStateAsync();
    }
}
