using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pitstop.Api.Tests.OpenApi;

/// <summary>
/// Checks a JSON value against a schema of the OpenAPI document the way a generated client reads it:
/// every property it names is declared, every required property is there, and each value has a
/// declared type (and, for an enumeration, a declared value); through references, arrays and maps.
/// </summary>
internal static class SchemaConformance
{
    public static List<string> Check(JsonNode? value, JsonNode? schema, JsonObject schemas, string at)
    {
        var errors = new List<string>();
        Check(value, schema, schemas, at, errors);
        return errors;
    }

    public static void Check(JsonNode? value, JsonNode? schema, JsonObject schemas, string at, List<string> errors)
    {
        if (schema is not JsonObject shape)
        {
            return;
        }

        if (shape["$ref"]?.GetValue<string>() is { } reference)
        {
            Check(value, schemas[reference.Split('/')[^1]], schemas, at, errors);
            return;
        }

        if ((shape["oneOf"] ?? shape["anyOf"]) is JsonArray alternatives)
        {
            if (value is null)
            {
                if (!alternatives.Any(a => a?["type"]?.ToString() == "null"))
                {
                    errors.Add($"{at}: null where the schema allows no null");
                }

                return;
            }

            foreach (var alternative in alternatives.Where(a => a?["type"]?.ToString() != "null"))
            {
                Check(value, alternative, schemas, at, errors);
            }

            return;
        }

        if (shape["type"] is { } declared && !Types(declared).Contains(TypeOf(value)) && !(TypeOf(value) == "integer" && Types(declared).Contains("number")))
        {
            errors.Add($"{at}: a value of type {TypeOf(value)} where the schema declares {declared.ToJsonString()}");
            return;
        }

        if (shape["enum"] is JsonArray allowed && value is JsonValue && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{at}: {value.ToJsonString()} is not one of the schema's values {allowed.ToJsonString()}");
        }

        switch (value)
        {
            case JsonObject fields when shape["properties"] is JsonObject properties:
                foreach (var (name, field) in fields)
                {
                    if (properties[name] is { } property)
                    {
                        Check(field, property, schemas, $"{at}.{name}", errors);
                    }
                    else
                    {
                        errors.Add($"{at}: \"{name}\" is not a property of the schema");
                    }
                }

                foreach (var name in (shape["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Where(name => !fields.ContainsKey(name)))
                {
                    errors.Add($"{at}: the schema requires \"{name}\", which is absent");
                }

                break;
            case JsonObject entries when shape["additionalProperties"] is JsonObject values:
                foreach (var (name, entry) in entries)
                {
                    Check(entry, values, schemas, $"{at}.{name}", errors);
                }

                break;
            case JsonArray items when shape["items"] is { } item:
                foreach (var entry in items)
                {
                    Check(entry, item, schemas, $"{at}[]", errors);
                }

                break;
        }
    }

    private static string[] Types(JsonNode declared) =>
        declared is JsonArray many ? [.. many.Select(t => t!.GetValue<string>())] : [declared.GetValue<string>()];

    private static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number when value.AsValue().TryGetValue<long>(out _) => "integer",
            _ => "number",
        },
    };
}
