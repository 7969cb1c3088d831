using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Pitstop.Grains.Configuration;

namespace Pitstop.Grains.Versions;

/// <summary>
/// The program as a JSON document (api.md, <c>GET /api/v1/program</c>): camelCase, kebab-case
/// enums, spans as <c>d.hh:mm:ss</c>. A version stores it as sent. <see cref="Read"/> is the one
/// reader of a sent document — a version's and a simulation's candidate alike: every setting
/// present, none unknown, each of its type and in range, each failure under its JSON path; a version
/// must also leave the deployment's settings (<see cref="DeploymentSettings"/>) as they are.
/// </summary>
public static class ProgramDocument
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>
    /// Settings that belong to the deployment, not to a version (decisions.md, program versions):
    /// the clock and time zone every silo computes days with, settings applied once (a budget's
    /// starting policy, the challenge catalogue's seeds), and those whose readers do not take the
    /// version in force yet. A version repeats the configuration's values; the silos always run the
    /// configuration's.
    /// </summary>
    public static readonly IReadOnlyList<string> DeploymentSettings =
    [
        "timeZone", "clockOffset", "budgets", "league.challenges",
        "recovery.delayThreshold", "recovery.repeatWindowDays", "recovery.deliveryPromise",
        "recovery.firstFollowUpDays", "recovery.secondFollowUpDays", "recovery.retentionMonths",
    ];

    public static string Write(ProgramOptions program) => JsonSerializer.Serialize(program, Json);

    /// <summary>A stored document as it was stored (version 1: the deployment's configuration).</summary>
    public static ProgramOptions Parse(string document) => JsonSerializer.Deserialize<ProgramOptions>(document, Json)!;

    /// <summary>A stored document (checked when it was stored), with the deployment's settings of <paramref name="configured"/>.</summary>
    public static ProgramOptions Parse(string document, ProgramOptions configured)
    {
        var version = JsonNode.Parse(document)!;
        var ours = JsonNode.Parse(Write(configured))!;
        foreach (var setting in DeploymentSettings)
        {
            var (parent, name) = Parent(version, setting);
            parent[name] = At(ours, setting)?.DeepClone();
        }

        return version.Deserialize<ProgramOptions>(Json)!;
    }

    /// <summary>
    /// The program <paramref name="document"/> holds, or the failures that refuse it, each under its
    /// JSON path, below <paramref name="under"/> (a request's field, e.g. <c>program</c>) when given.
    /// </summary>
    public static (ProgramOptions? Program, IReadOnlyList<ProgramFailure> Failures) Read(JsonElement document, string under = "")
    {
        var failures = new List<ProgramFailure>();
        Complete(document, typeof(ProgramOptions), under, failures);
        if (failures.Count > 0)
        {
            return (null, failures);
        }

        ProgramOptions program;
        try
        {
            program = document.Deserialize<ProgramOptions>(Json)!;
        }
        catch (JsonException ex)
        {
            return (null, [new ProgramFailure(Join(under, JsonPath(ex.Path)), "is not of the setting's type (numbers as numbers, spans as d.hh:mm:ss, metrics as kebab-case names)")]);
        }

        failures.AddRange(ProgramOptionsValidator.DocumentFailures(program).Select(f => f with { Path = Join(under, f.Path) }));
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(program.TimeZone, out _))
        {
            failures.Add(new ProgramFailure(Join(under, "timeZone"), "must be a time zone id this server knows, e.g. Asia/Kolkata"));
        }

        return failures.Count > 0 ? (null, failures) : (program, []);
    }

    /// <summary>The deployment's settings <paramref name="document"/> (read by <see cref="Read"/>) would change: a version cannot.</summary>
    public static IReadOnlyList<ProgramFailure> DeploymentChanges(JsonElement document, ProgramOptions configured)
    {
        var sent = JsonNode.Parse(document.GetRawText())!;
        var ours = JsonNode.Parse(Write(configured))!;
        return [.. DeploymentSettings.Where(setting => !JsonNode.DeepEquals(At(sent, setting), At(ours, setting)))
            .Select(setting => new ProgramFailure(setting, "is a deployment setting: a version cannot change it (send the value GET /api/v1/program shows)"))];
    }

    // The whole document, so that a setting left out is refused rather than silently the shipped default.
    private static void Complete(JsonElement element, Type section, string path, List<ProgramFailure> failures)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            failures.Add(new ProgramFailure(path.Length == 0 ? "program" : path, "must be an object: a program document as GET /api/v1/program serves it"));
            return;
        }

        var known = section.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            failures.Add(new ProgramFailure(path.Length == 0 ? unknown.Name : $"{path}.{unknown.Name}", "is not a setting of the program"));
        }

        foreach (var property in section.GetProperties().Where(p => p.CanWrite))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var at = path.Length == 0 ? name : $"{path}.{name}";
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                failures.Add(new ProgramFailure(at, "is required: a version is the whole program"));
            }
            else if (ProgramOptionsValidator.IsSection(property.PropertyType))
            {
                Complete(value, property.PropertyType, at, failures);
            }
            else if (typeof(IDictionary).IsAssignableFrom(property.PropertyType) && value.ValueKind == JsonValueKind.Object
                && property.PropertyType.GetGenericArguments() is [_, var entryType] && ProgramOptionsValidator.IsSection(entryType))
            {
                foreach (var entry in value.EnumerateObject())
                {
                    Complete(entry.Value, entryType, $"{at}.{entry.Name}", failures);
                }
            }
        }
    }

    private static (JsonNode Parent, string Name) Parent(JsonNode node, string path)
    {
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(node, (at, name) => at[name]!);
        return (parent, names[^1]);
    }

    // "program" (or nothing) is the document itself: the request's field.
    private static string Join(string under, string path) => under.Length == 0 ? path : path is "" or "program" ? under : $"{under}.{path}";

    private static JsonNode? At(JsonNode node, string path)
    {
        JsonNode? at = node;
        foreach (var name in path.Split('.'))
        {
            at = at?[name];
        }

        return at;
    }

    // "$.customerEarning.scheduledVisit" → "customerEarning.scheduledVisit"; "$['league']…" forms keep their names.
    private static string JsonPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "program" : path.TrimStart('$', '.').Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
}
