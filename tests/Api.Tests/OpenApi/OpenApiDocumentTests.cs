using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Pitstop.Api.OpenApi;

namespace Pitstop.Api.Tests.OpenApi;

/// <summary>
/// The document at /openapi/v1.json (api.md): valid OpenAPI, every route of the app in it, each
/// with an example of its request body and of its success answer that uses only its schema's names.
/// </summary>
[Collection(EngineCollection.Name)]
public class OpenApiDocumentTests(EmbeddedEngine engine)
{
    private const string Json = "application/json";

    [Fact]
    public async Task The_document_reads_and_validates_as_OpenAPI_3_1_without_errors()
    {
        var text = await engine.CreateAnonymousClient().GetStringAsync("/openapi/v1.json");

        var (document, diagnostic) = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());

        diagnostic!.Errors.Should().BeEmpty();
        diagnostic.SpecificationVersion.Should().Be(OpenApiSpecVersion.OpenApi3_1);
        document!.Validate(ValidationRuleSet.GetDefaultRuleSet()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_intake_route_states_the_contract_limits_of_amounts_times_and_text()
    {
        var operation = Operation(await DocumentAsync(), "POST /api/v1/events")!;

        var description = operation["description"]!.GetValue<string>();

        description.Should().Contain("0 to 100,000,000 INR").And.Contain("promisedAt, which may be up to 90 days ahead")
            .And.Contain("at most 400 days old").And.Contain("without NUL");
    }

    [Fact]
    public async Task The_intake_route_documents_its_wait_for_applied_events()
    {
        var operation = Operation(await DocumentAsync(), "POST /api/v1/events")!;

        var wait = operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "wait")!;

        wait["in"]!.GetValue<string>().Should().Be("query");
        wait["description"]!.GetValue<string>().Should().Contain("\"applied\"").And.Contain("Api:Intake:MaxApplyWait")
            .And.Contain("deadLettered").And.Contain("To ask again");
    }

    [Fact]
    public async Task Every_api_route_is_documented_with_examples_of_its_body_and_its_success_answer()
    {
        var document = await DocumentAsync();
        var missing = new List<string>();

        foreach (var route in ApiRoutes.Of(engine).Order(StringComparer.Ordinal))
        {
            if (Operation(document, route) is not { } operation)
            {
                missing.Add($"{route}: not in the document");
                continue;
            }

            if (operation["requestBody"] is { } body && body["content"]?.AsObject().FirstOrDefault().Value?["example"] is null)
            {
                missing.Add($"{route}: no example of its request body");
            }

            var success = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')).OrderBy(r => r.Key, StringComparer.Ordinal).FirstOrDefault();
            // A live stream's example is its text/event-stream, as a JSON answer's is its JSON.
            if (success.Value?["content"]?.AsObject().Any(c => c.Value?["example"] is not null) != true)
            {
                missing.Add($"{route}: no example of its success answer");
            }
        }

        missing.Should().BeEmpty("every route has its examples in Pitstop.Api.OpenApi.RouteExamples");
    }

    [Fact]
    public async Task Every_example_belongs_to_a_route_and_conforms_to_its_schema()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var mapped = ApiRoutes.Of(engine);
        var errors = new List<string>();

        foreach (var (route, example) in RouteExamples.All)
        {
            if (!mapped.Contains(route) || Operation(document, route) is not { } operation)
            {
                errors.Add($"{route}: has examples but the app maps no such route");
                continue;
            }

            if ((example.Request is null) != (operation["requestBody"] is null))
            {
                errors.Add($"{route}: a request example is given exactly when the route takes a body");
            }

            var request = operation["requestBody"]?["content"]?[Json];
            if (request?["example"] is { } requestExample)
            {
                SchemaConformance.Check(requestExample, request["schema"], schemas, $"{route} request", errors);
            }

            var answer = operation["responses"]?[example.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?[Json];
            if (answer?["example"] is { } answerExample)
            {
                SchemaConformance.Check(answerExample, answer["schema"], schemas, $"{route} answer", errors);
            }
        }

        errors.Should().BeEmpty();
    }

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await engine.CreateAnonymousClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static JsonObject? Operation(JsonObject document, string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        return document["paths"]?[route[(space + 1)..]]?[route[..space].ToLowerInvariant()] as JsonObject;
    }
}
