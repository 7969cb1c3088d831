using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Pitstop.Grains.Configuration;

/// <summary>
/// Validates the whole program document, at start-up and when an admin stores a version: the data
/// annotations of every nested section and of every entry of its dictionaries (the built-in
/// annotation check looks at the top level only), each failure naming its path — at start-up the
/// configuration's, e.g. <c>Program:Recovery:MinorAward</c>; in a version, the document's, e.g.
/// <c>recovery.minorAward</c>.
/// </summary>
public sealed class ProgramOptionsValidator : IValidateOptions<ProgramOptions>
{
    public ValidateOptionsResult Validate(string? name, ProgramOptions options)
    {
        var failures = new List<ProgramFailure>();
        Collect(options, ProgramOptions.Section, ":", p => p, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => $"{f.Path}: {f.Message}"));
    }

    /// <summary>The failures of a program document, each under its JSON path (camelCase, dotted).</summary>
    public static IReadOnlyList<ProgramFailure> DocumentFailures(ProgramOptions options)
    {
        var failures = new List<ProgramFailure>();
        Collect(options, "", ".", JsonNamingPolicy.CamelCase.ConvertName, failures);
        return failures;
    }

    private static void Collect(object section, string path, string separator, Func<string, string> name, List<ProgramFailure> failures)
    {
        string Under(string segment) => path.Length == 0 ? segment : path + separator + segment;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        failures.AddRange(results.Select(r => new ProgramFailure(Under(string.Join(",", r.MemberNames.Select(name))), r.ErrorMessage ?? "is not valid")));
        foreach (var property in section.GetType().GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var value = property.GetValue(section);
            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Value is { } item && IsSection(item.GetType()))
                    {
                        Collect(item, Under(name(property.Name)) + separator + entry.Key, separator, name, failures);
                    }
                }
            }
            else if (value is not null && IsSection(property.PropertyType))
            {
                Collect(value, Under(name(property.Name)), separator, name, failures);
            }
        }
    }

    /// <summary>The program's own option classes: sections to look into (not strings, numbers or lists of them).</summary>
    public static bool IsSection(Type type) =>
        type.IsClass && type.Namespace == typeof(ProgramOptions).Namespace && type.Name.EndsWith("Options", StringComparison.Ordinal)
        || type == typeof(BadgeRule) || type == typeof(ChallengeRule);
}

/// <summary>One setting out of range: where, and why.</summary>
public sealed record ProgramFailure(string Path, string Message);
