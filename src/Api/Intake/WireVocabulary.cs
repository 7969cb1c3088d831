using System.Collections.Frozen;
using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;

namespace Pitstop.Api.Intake;

/// <summary>
/// One closed vocabulary of events.md as intake reads it: the values a field accepts, spelled as
/// <see cref="WireNames"/> spells them (the enum members carry the spellings).
/// </summary>
public sealed class WireVocabulary<T>
    where T : struct, Enum
{
    private readonly FrozenDictionary<string, T> _byName;

    /// <summary>The vocabulary of <paramref name="values"/>, or of every value of <typeparamref name="T"/> when none are named.</summary>
    public WireVocabulary(params T[] values)
    {
        var entries = values.Length == 0 ? WireNames.All<T>() : [.. values.Select(v => (WireNames.Of(v), v))];
        _byName = entries.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        Spellings = string.Join(" | ", entries.Select(e => e.Name));
    }

    public string Spellings { get; }

    public bool TryParse(string name, out T value) => _byName.TryGetValue(name, out value);

    /// <summary>The wire spelling of <paramref name="value"/>, for answers that speak the same words as requests.</summary>
    public string NameOf(T value) => WireNames.Of(value);
}

/// <summary>Every vocabulary of the event contract.</summary>
public static class WireVocabularies
{
    public static readonly WireVocabulary<VehicleClass> VehicleClasses = new();

    public static readonly WireVocabulary<VisitKind> VisitKinds = new();

    public static readonly WireVocabulary<DefectKind> Defects = new();

    public static readonly WireVocabulary<ExperienceCategory> Experiences = new();

    /// <summary>The roles that have a league (managers earn no KPI points).</summary>
    public static readonly WireVocabulary<StaffRole> LeagueRoles = new(StaffRole.Technician, StaffRole.Advisor, StaffRole.Support);

    public static readonly WireVocabulary<StaffRole> StaffRoles = new();

    public static readonly WireVocabulary<IncidentStatus> IncidentStatuses = new();

    public static readonly WireVocabulary<ComplaintSeverity> Severities = new();

    public static readonly WireVocabulary<UpsellProduct> UpsellProducts = new();

    public static readonly WireVocabulary<Ownership> Ownerships = new();

    public static readonly WireVocabulary<ContractKind> ContractKinds = new();

    public static readonly WireVocabulary<Tier> Tiers = new();

    /// <summary>A challenge's KPI: what the league counts (program.md, badges).</summary>
    public static readonly WireVocabulary<LeagueMetric> LeagueKpis = new();

    public static readonly WireVocabulary<ChallengeScopeKind> ChallengeScopes = new();

    public static readonly WireVocabulary<RewardCategory> RewardCategories = new();

    /// <summary>What a customer said of their recovery at a follow-up, against what they expected.</summary>
    public static readonly WireVocabulary<RecoveryExpectations> Expectations = new();
}
