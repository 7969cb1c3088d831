using System.Collections.Frozen;

namespace Pitstop.Api.Dealerships;

/// <summary>India's states and union territories by their two-letter vehicle-registration codes.</summary>
public static class IndianStates
{
    public const string Message = "must be a two-letter Indian state code, e.g. KA, MH, DL";

    public static readonly FrozenSet<string> Codes = new[]
    {
        "AN", "AP", "AR", "AS", "BR", "CG", "CH", "DD", "DL", "GA", "GJ", "HP", "HR", "JH", "JK", "KA",
        "KL", "LA", "LD", "MH", "ML", "MN", "MP", "MZ", "NL", "OD", "PB", "PY", "RJ", "SK", "TN", "TR",
        "TS", "UK", "UP", "WB",
    }.ToFrozenSet(StringComparer.Ordinal);
}
