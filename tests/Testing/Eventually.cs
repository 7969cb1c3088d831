namespace Pitstop.Testing;

/// <summary>
/// Events are applied after the intake answers (streams are asynchronous): a test polls the read
/// side until the expected state appears, failing with the last value seen when it never does
/// (and what <c>context</c> tells then: the engine processes' output, for a test that runs them).
/// </summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? timeout = null, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        do
        {
            last = await read();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        throw new Xunit.Sdk.XunitException(
            $"Condition never held; last value: {System.Text.Json.JsonSerializer.Serialize(last)}{(context is null ? "" : "\n" + context())}");
    }
}
