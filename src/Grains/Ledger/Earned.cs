using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// Points an earning rule computed, with the rule's name and the inputs it read: the explanation is
/// made where the points are, as data, so that the entry that pays them can say why.
/// </summary>
public readonly record struct Earned(long Points, string Rule, IReadOnlyDictionary<string, string> Inputs)
{
    public static Earned None(string rule) => new(0, rule, new Dictionary<string, string>());

    /// <summary>The explanation the award's entry carries, under <paramref name="programVersion"/>.</summary>
    public EntryExplanation Explain(int programVersion) => new(Rule, Inputs, programVersion);
}
