using System.Net;

namespace Pitstop.Api.Tests;

[Collection(EngineCollection.Name)]
public class OperationsTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var response = await _http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_intake()
    {
        var document = await _http.GetStringAsync("/openapi/v1.json");

        document.Should().Contain("/api/v1/events").And.Contain("/api/v1/customers/{id}");
    }

    [Fact]
    public async Task Browsable_API_docs_are_served() =>
        (await _http.GetAsync("/docs")).StatusCode.Should().Be(HttpStatusCode.OK);

    [Fact]
    public async Task Metrics_are_exposed_in_Prometheus_text_format()
    {
        await _http.GetAsync("/health/live");

        var response = await _http.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("# TYPE");
    }
}
