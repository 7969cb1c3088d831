using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Simulation;

/// <summary>
/// Sums a replay's journal into its <see cref="SimulationFigures"/>. An entry belongs to the period
/// [from, to) by when its cause occurred when an archived event caused it (a replay applies every
/// event at its archived time, which may be long after it occurred), else by when it was made.
/// </summary>
public sealed class SimulationTally(IReadOnlyDictionary<string, ArchivedEvent> eventsByCause, DateTimeOffset from, DateTimeOffset to)
{
    public const string Recovery = "recovery";

    private readonly Dictionary<string, long> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _staff = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _drawn = new(StringComparer.Ordinal);
    private long _recovery;

    public void Add(LedgerEntry entry)
    {
        if (!InPeriod(entry))
        {
            return;
        }

        switch (entry.Kind)
        {
            case EntryKinds.Award when Accounts.ClassOf(entry.From) == Accounts.BudgetClass:
                var kind = KindOf(entry.SourceEventId);
                var members = Accounts.ClassOf(entry.To) == Accounts.CustomerClass ? _customers : _staff;
                members[kind] = checked(members.GetValueOrDefault(kind) + entry.Points);
                _drawn[DealershipOf(entry.From)] = checked(_drawn.GetValueOrDefault(DealershipOf(entry.From)) + entry.Points);
                _recovery = kind == Recovery ? checked(_recovery + entry.Points) : _recovery;
                break;
            case EntryKinds.Reversal when Accounts.ClassOf(entry.To) == Accounts.BudgetClass:
                _drawn[DealershipOf(entry.To)] = checked(_drawn.GetValueOrDefault(DealershipOf(entry.To)) - entry.Points);
                break;
        }
    }

    public SimulationFigures Figures(TierDistribution tiers, IReadOnlyList<BoardTop> boards) => new(Sorted(_customers), Sorted(_staff), Sorted(_drawn), tiers, _recovery, boards);

    private bool InPeriod(LedgerEntry entry)
    {
        var at = entry.SourceEventId is { } cause && eventsByCause.TryGetValue(cause, out var archived) ? archived.Event.OccurredAt : entry.At;
        return at >= from && at < to;
    }

    /// <summary>What caused an award, by the cause ids of <c>LedgerIds</c>: an archived event's type, or the prefix of a cause of the engine's own.</summary>
    private string KindOf(string? cause)
    {
        if (cause is null)
        {
            return "other";
        }

        if (eventsByCause.TryGetValue(cause, out var archived))
        {
            return archived.Event.Data.Type;
        }

        var colon = cause.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? "other" : cause[..colon];
    }

    private static string DealershipOf(string budgetAccount) => budgetAccount[(Accounts.BudgetClass.Length + 1)..];

    private static SortedDictionary<string, long> Sorted(Dictionary<string, long> sums) => new(sums, StringComparer.Ordinal);
}
