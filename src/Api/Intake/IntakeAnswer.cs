namespace Pitstop.Api.Intake;

/// <summary>
/// The <c>202</c> answer of <c>POST /api/v1/events</c> (events.md). A request that waited for its
/// events (<c>?wait=applied</c>) also says whether every one is <see cref="Applied"/>, and names
/// those that are not: still <see cref="Pending"/> when the wait's bound passed, moved aside as
/// dead letters (<see cref="DeadLettered"/>), or <see cref="Unknown"/> to the engine (see docs/decisions.md).
/// </summary>
public sealed record IntakeAnswer(int Accepted, int Duplicates, IReadOnlyList<RejectedEvent> Rejected)
{
    public bool? Applied { get; init; }

    public IReadOnlyList<EventRef>? Pending { get; init; }

    public IReadOnlyList<EventRef>? DeadLettered { get; init; }

    public IReadOnlyList<EventRef>? Unknown { get; init; }
}

public sealed record RejectedEvent(int Index, string? Id, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>An event of the batch, by its position in <c>events</c> and its id.</summary>
public sealed record EventRef(int Index, string Id);
