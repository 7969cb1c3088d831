using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// A batch the intake has answered for: the answer, and the events a client waiting for them must
/// see settled — those this request published, and the distinct duplicates (accepted before).
/// Each with its index in the batch.
/// </summary>
public sealed record IngestedBatch(
    IntakeAnswer Answer,
    IReadOnlyList<(int Index, DmsEvent Event)> Published,
    IReadOnlyList<(int Index, DmsEvent Event)> Duplicates);
