using System.Net;
using Pitstop.Testing;

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
    public async Task The_OpenAPI_document_declares_both_credentials()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await engine.CreateAnonymousClient().GetStringAsync("/openapi/v1.json"))!;

        var schemes = document["components"]!["securitySchemes"]!;
        schemes["ApiKey"]!["name"]!.GetValue<string>().Should().Be("X-Api-Key");
        schemes["ApiKey"]!["in"]!.GetValue<string>().Should().Be("header");
        schemes["Bearer"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        document["security"]!.AsArray().Should().HaveCount(2);
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

    [Fact]
    public async Task The_intake_counters_move_with_the_events_posted_and_name_the_credential()
    {
        var traffic = new Traffic(_http, "metrics");
        await traffic.RegisterDealershipAsync();
        var before = await AcceptedAsync();

        (await traffic.PostAsync(traffic.VisitCompleted("metrics-1"), traffic.VisitCompleted("metrics-2"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        // The exporter refreshes its snapshot at most every few seconds.
        await Eventually.HoldsAsync(AcceptedAsync, after => after >= before + 2, TimeSpan.FromSeconds(30));
        (await _http.GetStringAsync("/metrics")).Should().Contain("credential=\"test-admin\"").And.NotContain(TestCredentials.AdminKey);
    }

    private async Task<double> AcceptedAsync()
    {
        var text = await _http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith("pitstop_intake_events", StringComparison.Ordinal) && l.Contains("outcome=\"accepted\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
