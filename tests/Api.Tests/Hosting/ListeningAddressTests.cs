namespace Pitstop.Api.Tests.Hosting;

/// <summary>
/// <c>ASPNETCORE_URLS</c> names the API's address as in any ASP.NET Core app, also under the
/// README's <c>dotnet run --project src/Api</c> and its launch profile.
/// </summary>
[Collection(EngineProcesses.Name)]
public sealed class ListeningAddressTests
{
    [Fact]
    public async Task The_api_listens_where_ASPNETCORE_URLS_says()
    {
        var address = ApiProcess.FreeAddress();
        var settings = ApiProcess.Settings("Development");
        settings["ASPNETCORE_URLS"] = address.ToString();

        await using var api = ApiProcess.Run(settings);

        await api.AnswersAsync(new Uri(address, "/health/live"), ApiProcess.StartTimeout);
    }
}
