using Pitstop.Testing;

namespace Pitstop.Api.Tests.Hosting;

/// <summary>
/// Run from the source tree outside Development (<c>--no-launch-profile</c>), the API serves the
/// dashboard and the kiosk whole to a browser, which accepts gzip, and to curl, which does not.
/// </summary>
[Collection(EngineProcesses.Name)]
public sealed class ProductionPagesTests : IAsyncLifetime
{
    private readonly Uri _address = ApiProcess.FreeAddress();
    private EngineProcess? _api;

    public async Task InitializeAsync()
    {
        _api = ApiProcess.Run(ApiProcess.Settings("Production"), "--no-launch-profile", "--urls", _address.ToString());
        await _api.AnswersAsync(new Uri(_address, "/health/live"), ApiProcess.StartTimeout);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pages_and_the_script_come_whole_with_and_without_gzip()
    {
        foreach (var path in await Pages.PathsAsync(_address))
        {
            await Pages.ServedWholeAsync(_address, path);
        }
    }
}
