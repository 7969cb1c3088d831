namespace Pitstop.Grains.Loyalty;

/// <summary>
/// The feedback micro-reward's memory (program.md): one reward per job card, CSAT and NPS alike;
/// an answer without a job card earns only when no other rewarded one lies within the window on
/// either side, so an answer that arrives late judges itself by when it was given.
/// </summary>
[GenerateSerializer, Alias("pitstop.FeedbackMemory")]
public sealed class FeedbackMemory
{
    /// <summary>Job cards whose feedback was rewarded, with the time of the answer.</summary>
    [Id(0)] public Dictionary<string, DateTimeOffset> JobCards { get; set; } = [];

    /// <summary>Times of rewarded answers without a job card.</summary>
    [Id(1)] public List<DateTimeOffset> WithoutJobCard { get; set; } = [];

    /// <summary>Records an answer; true when it earns the reward.</summary>
    public bool TryReward(string? jobCardId, DateTimeOffset at, TimeSpan window)
    {
        if (jobCardId is not null)
        {
            return JobCards.TryAdd(jobCardId, at);
        }

        if (WithoutJobCard.Exists(t => (t - at).Duration() < window))
        {
            return false;
        }

        WithoutJobCard.Add(at);
        return true;
    }

    /// <summary>Forgets answers older than any event the intake still accepts (it rejects events older than that).</summary>
    public void ForgetBefore(DateTimeOffset oldest)
    {
        foreach (var old in JobCards.Where(j => j.Value < oldest).Select(j => j.Key).ToList())
        {
            JobCards.Remove(old);
        }

        WithoutJobCard.RemoveAll(t => t < oldest);
    }
}
