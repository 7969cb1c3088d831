using System.ComponentModel.DataAnnotations;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.Configuration;

/// <summary>
/// The league's badges and challenges (program.md), keyed by id. Dictionaries rather than lists so
/// that configuration can change or add one entry without restating the rest; a rule with a count
/// of 0 is switched off.
/// </summary>
public sealed class LeagueOptions
{
    public Dictionary<string, BadgeRule> Badges { get; set; } = new(StringComparer.Ordinal)
    {
        ["pitstop-pro"] = new() { Metric = LeagueMetric.FirstTimeFix, Count = 10 },
        ["on-time-ace"] = new() { Metric = LeagueMetric.OnTime, Count = 20 },
        ["customer-champion"] = new() { Metric = LeagueMetric.Csat5, Count = 10 },
        ["upsell-star"] = new() { Metric = LeagueMetric.Upsell, Count = 5 },
    };

    /// <summary>
    /// Named monthly goals with a bonus, e.g. "15 on-time deliveries in November: +300". None by
    /// default. They seed the challenge catalogue, which admins then run through the API.
    /// </summary>
    public Dictionary<string, ChallengeRule> Challenges { get; set; } = new(StringComparer.Ordinal);
}

public sealed class BadgeRule
{
    public LeagueMetric Metric { get; set; }

    [Range(0, 100_000)]
    public int Count { get; set; }
}

public sealed class ChallengeRule
{
    public string Name { get; set; } = "";

    public LeagueMetric Metric { get; set; }

    [Range(0, 100_000)]
    public int Count { get; set; }

    /// <summary>Points the member earns on reaching the goal (through their dealership's budget).</summary>
    [Range(0, 1_000_000)]
    public long Bonus { get; set; }

    /// <summary>The month it runs (yyyy-MM), or empty for every month.</summary>
    [RegularExpression(@"^(\d{4}-(0[1-9]|1[0-2]))?$", ErrorMessage = "must be a month, yyyy-MM, or empty for every month")]
    public string Month { get; set; } = "";
}
