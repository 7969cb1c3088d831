namespace Pitstop.Ingestion.Traffic;

/// <summary>
/// An incident the recovery month opened, as the events say it (program.md, service recovery):
/// its derived id, kind, severity before the repeat rule, customer, dealership and when it opened
/// and, if its closure fell within the month, closed.
/// </summary>
public sealed class MonthIncident(string id, string kind, string severity, int customer, Dealership dealership, DateTimeOffset openedAt, string? jobCardId)
{
    public string Id => id;

    /// <summary><c>delay</c>, <c>defect</c> or <c>complaint</c>.</summary>
    public string Kind => kind;

    /// <summary><c>minor</c>, <c>moderate</c> or <c>major</c>, from the opening event alone.</summary>
    public string Severity => severity;

    public int Customer => customer;

    public Dealership Dealership => dealership;

    public DateTimeOffset OpenedAt => openedAt;

    public string? JobCardId => jobCardId;

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>A visit of the month: its job card, customer and, once the car is back, when it was delivered.</summary>
public sealed class MonthVisit(string jobCardId, int customer, bool returning)
{
    public string JobCardId => jobCardId;

    public int Customer => customer;

    /// <summary>A customer back after an incident (the retention the analytics count).</summary>
    public bool Returning => returning;

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>An incident was opened by the visit or about it (delay, defect, complaint naming its job card).</summary>
    public bool Friction { get; set; }
}

/// <summary>An NPS answer of the month, as the engine records it against a customer's incidents.</summary>
public sealed record MonthNps(int Customer, DateTimeOffset At, int Score);
