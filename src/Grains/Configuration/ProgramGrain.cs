using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Configuration;

namespace Pitstop.Grains.Configuration;

/// <summary>Serves the silo's validated program (see <see cref="IProgramGrain"/>); a local worker on every silo.</summary>
[StatelessWorker]
public sealed class ProgramGrain(IOptions<ProgramOptions> program) : Grain, IProgramGrain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly string _document = JsonSerializer.Serialize(program.Value, Json);

    public Task<string> DocumentAsync() => Task.FromResult(_document);
}
