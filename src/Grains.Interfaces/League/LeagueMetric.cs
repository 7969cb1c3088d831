using System.Text.Json.Serialization;

namespace Pitstop.Grains.Interfaces.League;

/// <summary>
/// What a member does that badges and challenges count, month by month: a challenge's KPI. Beside
/// the grain contracts because the challenge catalogue carries it; stored by value, so the move
/// from the program's options changed nothing stored.
/// </summary>
public enum LeagueMetric
{
    [JsonStringEnumMemberName("first-time-fix")] FirstTimeFix,
    [JsonStringEnumMemberName("on-time")] OnTime,
    [JsonStringEnumMemberName("csat-5")] Csat5,
    [JsonStringEnumMemberName("upsell")] Upsell,
}
