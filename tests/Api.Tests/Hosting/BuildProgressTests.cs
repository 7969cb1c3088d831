using Pitstop.Testing;

namespace Pitstop.Api.Tests.Hosting;

/// <summary>
/// The README's first command, <c>dotnet run --project src/Api</c>, says what it is doing while it
/// builds (a fresh clone's first build takes minutes), then starts the engine.
/// </summary>
[Collection(EngineProcesses.Name)]
public sealed class BuildProgressTests
{
    [Fact]
    public async Task Dotnet_run_names_each_step_of_its_build()
    {
        var address = ApiProcess.FreeAddress();
        var settings = ApiProcess.Settings("Development");
        // The build's worker processes end with it instead of waiting for another build.
        settings["MSBUILDDISABLENODEREUSE"] = "1";

        await using var api = EngineProcess.Dotnet(
            "api",
            Repository.Root,
            settings,
            "run", "--project", Path.Combine("src", "Api"), "-c", Repository.Configuration, "--", "--urls", address.ToString());
        await api.AnswersAsync(new Uri(address, "/health/live"), ApiProcess.StartTimeout);

        api.Output.Should().Contain("Determining projects to restore")
            .And.Contain($"Api -> {Path.Combine(Repository.Root, "src", "Api", "bin")}", "each project is named as it is built");
    }
}
