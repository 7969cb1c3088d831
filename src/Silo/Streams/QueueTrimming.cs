namespace Pitstop.Silo.Streams;

/// <summary>
/// When a partition's reader deletes the rows its cursor has passed: at most once per
/// <c>interval</c>, so that a busy partition deletes a range of many rounds in one statement
/// instead of a few rows after every round.
/// </summary>
internal sealed class QueueTrimming(TimeSpan interval, TimeProvider time)
{
    private long _trimmedAt = time.GetTimestamp();

    public bool IsDue()
    {
        if (time.GetElapsedTime(_trimmedAt) < interval)
        {
            return false;
        }

        _trimmedAt = time.GetTimestamp();
        return true;
    }
}
