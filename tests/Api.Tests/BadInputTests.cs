using Pitstop.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Pitstop.Api.Tests;

[Collection(EngineCollection.Name)]
public class BadInputTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task More_than_1000_events_is_413_and_nothing_is_stored()
    {
        var traffic = new Traffic(_http, "big");
        await traffic.RegisterDealershipAsync();

        var response = await traffic.PostAsync(Enumerable.Range(0, 1_001).Select(i => (JsonNode)traffic.VisitCompleted($"big-{i}")).ToArray());

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        var retry = await (await traffic.PostAsync(traffic.VisitCompleted("big-0"))).Content.ReadFromJsonAsync<JsonObject>();
        retry!["accepted"]!.GetValue<int>().Should().Be(1, "the refused batch stored nothing");
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_413()
    {
        var padding = new string('x', (1 << 20) + 10);
        var response = await PostRawAsync($$"""{"events":[],"padding":"{{padding}}"}""");

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("{\"events\": [")]
    [InlineData("not json")]
    [InlineData("{\"events\": 42}")]
    [InlineData("{\"batch\": []}")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task A_malformed_body_is_400_problem_json(string body) =>
        await ShouldBeProblemAsync(await PostRawAsync(body), HttpStatusCode.BadRequest);

    [Fact]
    public async Task Deeply_nested_json_is_400_not_a_crash() =>
        await ShouldBeProblemAsync(await PostRawAsync("{\"events\":" + new string('[', 5_000) + new string(']', 5_000) + "}"), HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_400()
    {
        var content = new ByteArrayContent([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]);
        content.Headers.ContentType = new("application/json");

        await ShouldBeProblemAsync(await _http.PostAsync("/api/v1/events", content), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_content_type_is_415() =>
        await ShouldBeProblemAsync(await _http.PostAsync("/api/v1/events", new StringContent("{\"events\":[]}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, ownType: false);

    [Fact]
    public async Task An_empty_batch_is_accepted_with_nothing_in_it()
    {
        var response = await PostRawAsync("{\"events\":[]}");

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_customer_is_404_problem_json() =>
        await ShouldBeProblemAsync(await _http.GetAsync("/api/v1/customers/C-never-seen"), HttpStatusCode.NotFound);

    [Fact]
    public async Task An_id_with_forbidden_characters_is_400_naming_the_field()
    {
        var response = await _http.GetAsync("/api/v1/staff/bad%20id");

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem["errors"]!["id"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_dealership_with_a_bad_state_and_no_name_is_400_naming_both_fields()
    {
        var response = await _http.PutAsJsonAsync("/api/v1/dealerships/DLR-BAD", new { city = "Bengaluru", state = "XX", region = "south" });

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("name", "state");
        (await _http.GetAsync("/api/v1/dealerships/DLR-BAD")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was written");
    }

    private Task<HttpResponseMessage> PostRawAsync(string body) =>
        _http.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));

    // ownType: false for answers the framework gives before a handler runs (its RFC 9110 problem type).
    private static async Task<JsonObject> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, bool ownType = true)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["type"]!.GetValue<string>().Should().StartWith(ownType ? "/problems/" : "https://tools.ietf.org/html/rfc9110");
        problem["status"]!.GetValue<int>().Should().Be((int)status);
        return problem;
    }
}
