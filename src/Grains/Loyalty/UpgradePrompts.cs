using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// Upgrade prompts (events.md): a verified CSAT 5 tells the customer's dealership that a happy
/// customer might move up a class. A prompt stays open until a contract signed after it answers it,
/// or until it grows stale (docs/decisions.md, loyalty).
/// </summary>
[GenerateSerializer, Alias("pitstop.UpgradePrompts")]
public sealed class UpgradePrompts
{
    [Id(0)] public List<UpgradePrompt> Open { get; set; } = [];

    /// <summary>Opens a prompt for a survey; false when that survey opened one already.</summary>
    public bool Raise(UpgradePrompt prompt)
    {
        if (Open.Exists(p => p.SurveyId == prompt.SurveyId))
        {
            return false;
        }

        Open.Add(prompt);
        return true;
    }

    /// <summary>A contract signed at <paramref name="signedAt"/> answers the prompts raised before it.</summary>
    public void Answer(DateTimeOffset signedAt) => Open.RemoveAll(p => p.RaisedAt <= signedAt);

    public void DropStale(DateTimeOffset now, TimeSpan lifetime) => Open.RemoveAll(p => p.RaisedAt + lifetime <= now);
}
