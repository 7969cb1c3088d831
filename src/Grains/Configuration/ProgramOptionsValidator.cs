using System.Collections;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Pitstop.Grains.Configuration;

/// <summary>
/// Validates the whole program document at start-up: the data annotations of every nested section
/// and of every entry of its dictionaries (the built-in annotation check looks at the top level
/// only), each failure naming its configuration path, e.g. <c>Program:Recovery:MinorAward</c>.
/// </summary>
public sealed class ProgramOptionsValidator : IValidateOptions<ProgramOptions>
{
    public ValidateOptionsResult Validate(string? name, ProgramOptions options)
    {
        var failures = new List<string>();
        Collect(options, ProgramOptions.Section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object section, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        foreach (var property in section.GetType().GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var value = property.GetValue(section);
            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Value is { } item && IsSection(item.GetType()))
                    {
                        Collect(item, $"{path}:{property.Name}:{entry.Key}", failures);
                    }
                }
            }
            else if (value is not null && IsSection(property.PropertyType))
            {
                Collect(value, $"{path}:{property.Name}", failures);
            }
        }
    }

    // The program's own option classes: sections to look into (not strings, numbers or lists of them).
    private static bool IsSection(Type type) =>
        type.IsClass && type.Namespace == typeof(ProgramOptions).Namespace && type.Name.EndsWith("Options", StringComparison.Ordinal)
        || type == typeof(BadgeRule) || type == typeof(ChallengeRule);
}
