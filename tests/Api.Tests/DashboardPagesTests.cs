using System.Net;

namespace Pitstop.Api.Tests;

/// <summary>The dashboard and the kiosk are served at their pages; every other path answers as before.</summary>
[Collection(EngineCollection.Name)]
public class DashboardPagesTests(EmbeddedEngine engine)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/kiosk/DLR-KA-001")]
    public async Task A_page_of_the_dashboard_is_its_app_open_to_anyone(string path)
    {
        var response = await engine.CreateAnonymousClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("<div id=\"app\">");
    }

    [Theory]
    [InlineData("/api/v1/no-such-route", HttpStatusCode.NotFound)]
    [InlineData("/kiosk", HttpStatusCode.NotFound)]
    [InlineData("/kiosk/DLR-KA-001/more", HttpStatusCode.NotFound)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task Other_paths_are_not_the_dashboard(string path, HttpStatusCode status)
    {
        var response = await engine.CreateAnonymousClient().GetAsync(path);

        response.StatusCode.Should().Be(status);
        (response.Content.Headers.ContentType?.MediaType).Should().NotBe("text/html");
    }
}
