namespace Pitstop.Grains.Interfaces.League;

/// <summary>
/// What a member does that badges and challenges count, month by month: a challenge's KPI. Beside
/// the grain contracts because the challenge catalogue carries it; stored by value, so the move
/// from the program's options changed nothing stored.
/// </summary>
public enum LeagueMetric { FirstTimeFix, OnTime, Csat5, Upsell }
