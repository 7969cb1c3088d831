namespace Pitstop.Api.Import;

/// <summary>
/// The answer of <c>POST /api/v1/import/{kind}</c>, shaped like the events batch's: rows that
/// changed something, rows already imported, and each rejected row (0-based data row index, its
/// id as written in its kind's id column, the errors by column).
/// </summary>
public sealed record ImportAnswer(int Accepted, int Duplicates, IReadOnlyList<RejectedRow> Rejected);

public sealed record RejectedRow(int Index, string? Id, IReadOnlyDictionary<string, string[]> Errors);
