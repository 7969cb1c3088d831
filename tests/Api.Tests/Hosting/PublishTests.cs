using System.Diagnostics;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Hosting;

/// <summary>
/// <c>dotnet publish</c> of the API and of the silo succeeds (the build the tests run on, published
/// as is), each published folder carries its own settings, and the published API, started from its
/// folder in Production, serves the dashboard and the kiosk whole.
/// </summary>
[Collection(EngineProcesses.Name)]
public sealed class PublishTests : IAsyncLifetime
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("pitstop-publish-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _output.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("Api")]
    [InlineData("Silo")]
    public async Task A_published_process_carries_its_own_settings(string project)
    {
        var folder = await PublishAsync(project);

        (await File.ReadAllTextAsync(Path.Combine(folder, "appsettings.json")))
            .Should().Be(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "src", project, "appsettings.json")));
    }

    [Fact]
    public async Task The_published_api_serves_the_pages_whole_in_production()
    {
        var folder = await PublishAsync("Api");
        var address = ApiProcess.FreeAddress();
        await using var api = EngineProcess.Dotnet("published api", folder, ApiProcess.Settings("Production"), "Pitstop.Api.dll", "--urls", address.ToString());
        await api.AnswersAsync(new Uri(address, "/health/live"), ApiProcess.StartTimeout);

        foreach (var path in await Pages.PathsAsync(address))
        {
            await Pages.ServedWholeAsync(address, path);
        }
    }

    private async Task<string> PublishAsync(string project)
    {
        var folder = Path.Combine(_output.FullName, project);
        using var publish = Process.Start(new ProcessStartInfo(
            "dotnet",
            ["publish", Path.Combine("src", project), "-c", Repository.Configuration, "--no-build", "-nologo", "-o", folder])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();

        publish.ExitCode.Should().Be(0, $"dotnet publish src/{project} succeeds:\n{await output}{await errors}");
        return folder;
    }
}
