using Microsoft.Extensions.Hosting;
using Pitstop.Silo.Hosting;

// A standalone silo of the PostgreSQL mode. `migrate` applies the schema and exits.
// Settings beside the binary, wherever the process is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var settings = ClusterSettings.From(builder.Configuration);

if (args.Contains("migrate"))
{
    var applied = await new SchemaMigration(settings.Postgres).ApplyAsync();
    Console.WriteLine($"Schema applied: {string.Join(", ", applied)}");
    return 0;
}

if (settings.IsEmbedded)
{
    await Console.Error.WriteLineAsync("A standalone silo needs PostgreSQL: set ConnectionStrings__Orleans. For the embedded engine run `dotnet run --project src/Api`.");
    return 2;
}

builder.AddPitstopSilo();
await builder.Build().RunAsync();
return 0;

/// <summary>
/// The silo's entry point, internal: the Orleans Dashboard brings ASP.NET Core into the silo, whose
/// generator would make it public, and the API (which references the silo) has a public one.
/// </summary>
internal partial class Program;
