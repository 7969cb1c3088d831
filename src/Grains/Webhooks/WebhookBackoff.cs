namespace Pitstop.Grains.Webhooks;

/// <summary>
/// When a failing receiver is tried again: 1 s after the first failure, doubling up to
/// <see cref="Cap"/>, then every <see cref="Cap"/> for as long as it fails. A subscription never
/// gives up (the issue asks for at least 24 hours of retries): an admin pauses or deletes it.
/// </summary>
public static class WebhookBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the <paramref name="consecutiveFailures"/>-th failure in a row (1 or more).</summary>
    public static TimeSpan Delay(int consecutiveFailures)
    {
        // 2^10 s is past the cap already: the shift never overflows.
        var doublings = Math.Clamp(consecutiveFailures - 1, 0, 10);
        var delay = First * (1L << doublings);
        return delay < Cap ? delay : Cap;
    }
}
