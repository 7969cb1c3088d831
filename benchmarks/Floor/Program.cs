using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Pitstop.Grains.Intake;
using Pitstop.Silo.Hosting;

// The floor of the shape (see benchmarks/README.md): the standalone silo exactly as src/Silo starts
// it, but with the engine's stream consumer taken out of the grain types, so that FloorRouterGrain
// (which subscribes to the same streams) is the only one to receive the deliveries. Everything else
// the API calls (registration, the pool, the dealership views) is the engine's own.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (ClusterSettings.From(builder.Configuration).IsEmbedded)
{
    await Console.Error.WriteLineAsync("The floor silo needs PostgreSQL: set ConnectionStrings__Orleans.");
    return 2;
}

builder.AddPitstopSilo();
// After Orleans' own provider, which fills the grain classes from the referenced assemblies.
builder.Services.PostConfigure<GrainTypeOptions>(types => types.Classes.Remove(typeof(EventRouterGrain)));
await builder.Build().RunAsync();
return 0;
