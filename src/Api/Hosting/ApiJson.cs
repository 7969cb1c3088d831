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
    }
}
