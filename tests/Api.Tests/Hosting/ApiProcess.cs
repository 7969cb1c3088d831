using System.Globalization;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Hosting;

/// <summary>
/// The API as an operator starts it, a process of its own, embedded engine and all: from the source
/// tree with <c>dotnet run</c> or from a published folder. The silo's ports are free ones, so that
/// it starts beside a developer's engine; the HTTP address is the test's to give.
/// </summary>
public static class ApiProcess
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The settings every start gets besides its own: free ports for the silo, few logs.</summary>
    public static Dictionary<string, string> Settings(string environment) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = environment,
        ["Orleans__SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary><c>dotnet run --project src/Api</c> from the repository's root, on the build the tests run on.</summary>
    public static EngineProcess Run(IReadOnlyDictionary<string, string> settings, params string[] args) =>
        EngineProcess.Dotnet(
            "api",
            Repository.Root,
            settings,
            ["run", "--project", Path.Combine("src", "Api"), "-c", Repository.Configuration, "--no-build", .. args]);

    public static Uri FreeAddress() => new($"http://127.0.0.1:{Ports.Free()}");
}
