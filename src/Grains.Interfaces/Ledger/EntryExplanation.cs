using System.Globalization;

namespace Pitstop.Grains.Interfaces.Ledger;

/// <summary>
/// Why an entry moved the points it did: the rule that computed them (e.g. <c>visit.scheduled</c>),
/// the inputs it read (e.g. <c>tier</c>, <c>multiplier</c>, <c>invoiceAmount</c>, as invariant text) and
/// the program version it belongs to. Made where the points are computed, carried with the award to
/// the budget that writes the entry.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.EntryExplanation")]
public sealed record EntryExplanation(
    [property: Id(0)] string Rule,
    [property: Id(1)] IReadOnlyDictionary<string, string> Inputs,
    [property: Id(2)] int ProgramVersion)
{
    /// <summary>The inputs the short text names, beside the rule and version.</summary>
    public const string Tier = "tier";
    public const string Multiplier = "multiplier";
    public const string LongTermBonus = "longTermBonus";

    /// <summary>A line a member reads: "visit, scheduled, tier gold ×1.25, version 3".</summary>
    public string Text()
    {
        var parts = Rule.Split('.').ToList();
        if (Inputs.TryGetValue(Tier, out var tier))
        {
            parts.Add(Inputs.TryGetValue(Multiplier, out var multiplier) ? $"tier {tier} ×{multiplier}" : $"tier {tier}");
        }

        if (Inputs.TryGetValue(LongTermBonus, out var bonus))
        {
            parts.Add($"long-term +{bonus}");
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"version {ProgramVersion}"));
        return string.Join(", ", parts);
    }
}
