using System.Text.Json;
using System.Text.Json.Serialization;
using Pitstop.Grains.Interfaces;

namespace Pitstop.Api.Hosting;

/// <summary>How every response is written: enums as <see cref="WireNames"/> spells them (the contract's spellings), nulls left out.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        // The converter honours each member's JsonStringEnumMemberName, the spelling intake reads;
        // members without one (not in the event contract) are written in kebab case.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Numbers are written as numbers; the web default of also reading them from strings made the
        // OpenAPI document type every integer as "integer or string". Bodies are read by the checked
        // readers (Validation/JsonBody), never bound through these options, so no input changes.
        options.NumberHandling = JsonNumberHandling.Strict;
    }
}
