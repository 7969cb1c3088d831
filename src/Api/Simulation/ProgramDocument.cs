using System.Text.Json;
using System.Text.Json.Serialization;
using Pitstop.Api.Validation;
using Pitstop.Grains.Configuration;

namespace Pitstop.Api.Simulation;

/// <summary>
/// Reads a whole program document in the shape <c>GET /api/v1/program</c> serves and validates it
/// as the silos validate theirs at start (<see cref="ProgramOptionsValidator"/>), each failure named
/// as a field of the request (<c>program.recovery.minorAward</c>).
/// </summary>
internal static class ProgramDocument
{
    // The options ProgramGrain writes the document with, and strict: a misspelt setting is refused,
    // not left at its default unseen.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static ProgramOptions? Read(JsonElement document, string field, FieldErrors errors)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, "must be a program document as GET /api/v1/program serves it");
            return null;
        }

        ProgramOptions? program;
        try
        {
            program = document.Deserialize<ProgramOptions>(Json);
        }
        catch (JsonException ex)
        {
            errors.Add(FieldOf(field, ex.Path), $"is not valid here: {ex.Message.Split(" Path:", 2)[0]}");
            return null;
        }

        if (program is null)
        {
            errors.Add(field, "must be a program document as GET /api/v1/program serves it");
            return null;
        }

        var result = new ProgramOptionsValidator().Validate(null, program);
        foreach (var failure in result.Failures ?? [])
        {
            // "Program:Recovery:MinorAward: message" → program.recovery.minorAward
            var parts = failure.Split(": ", 2);
            var path = parts[0].Split(':').Skip(1).Where(p => p.Length > 0).Select(JsonNamingPolicy.CamelCase.ConvertName);
            errors.Add(string.Join('.', path.Prepend(field)), parts.Length > 1 ? parts[1] : failure);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(program.TimeZone, out _))
        {
            errors.Add($"{field}.timeZone", "must be a time zone id this server knows, e.g. Asia/Kolkata");
        }

        return errors.IsEmpty ? program : null;
    }

    // "$.recovery.minorAward" → program.recovery.minorAward
    private static string FieldOf(string field, string? path) =>
        path is null or "$" ? field : field + "." + path.TrimStart('$', '.');
}
