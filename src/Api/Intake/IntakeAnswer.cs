namespace Pitstop.Api.Intake;

/// <summary>The <c>202</c> answer of <c>POST /api/v1/events</c> (events.md).</summary>
public sealed record IntakeAnswer(int Accepted, int Duplicates, IReadOnlyList<RejectedEvent> Rejected);

public sealed record RejectedEvent(int Index, string? Id, IReadOnlyDictionary<string, string[]> Errors);
