namespace Pitstop.Grains.League.Ranking;

/// <summary>A member in a board's listing: its rank (1 + members with a strictly higher score), id and score.</summary>
public readonly record struct RankedMember(int Rank, string Member, long Score);
