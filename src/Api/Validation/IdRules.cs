using System.Text.RegularExpressions;

namespace Pitstop.Api.Validation;

/// <summary>The character rules of events.md for ids and sources, shared by every route that takes one.</summary>
public static partial class IdRules
{
    public const string IdMessage = "must be 1-128 characters of A-Z a-z 0-9 . _ : -";
    public const string SourceMessage = "must be 1-32 characters of lower-case a-z 0-9 -";
    public const string IncidentIdMessage = "must be delay:{jobCardId}, defect:{jobCardId} or complaint:{complaintId}";

    public static bool IsId(string? value) => value is not null && IdPattern().IsMatch(value);

    public static bool IsSource(string? value) => value is not null && SourcePattern().IsMatch(value);

    /// <summary>An incident id as events.md derives it.</summary>
    public static bool IsIncidentId(string? value) => value is not null && IncidentIdPattern().IsMatch(value);

    [GeneratedRegex(@"\A[A-Za-z0-9._:\-]{1,128}\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\A(delay|defect|complaint):[A-Za-z0-9._:\-]{1,128}\z")]
    private static partial Regex IncidentIdPattern();

    [GeneratedRegex(@"\A[a-z0-9\-]{1,32}\z")]
    private static partial Regex SourcePattern();
}
