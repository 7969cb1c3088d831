using System.Globalization;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// The PostgreSQL mode started with the README's commands: <c>dotnet run --project src/Silo</c>,
/// then <c>dotnet run --project src/Api</c>, whose launch profile runs the API in Development,
/// where the container checks every registration as it is built.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ReadmeStartTests(PostgresServer server)
{
    [Fact]
    public async Task The_api_of_the_postgres_mode_starts_under_its_launch_profile()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = await server.CreateDatabaseAsync("readme"),
            ["Orleans__ClusterId"] = "readme-" + Guid.NewGuid().ToString("N")[..8],
            ["Orleans__SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        var address = new Uri($"http://127.0.0.1:{Ports.Free()}");

        await using var silo = EngineProcess.Dotnet("silo", Repository.Root, settings, Run("Silo"));
        await using var api = EngineProcess.Dotnet("api", Repository.Root, settings, [.. Run("Api"), "--", "--urls", address.ToString()]);
        await api.AnswersAsync(new Uri(address, "/health/ready"), TimeSpan.FromSeconds(120));

        api.Output.Should().Contain("Hosting environment: Development", "the launch profile runs the API in Development");
    }

    private static string[] Run(string project) =>
        ["run", "--project", Path.Combine("src", project), "-c", Repository.Configuration, "--no-build"];
}
