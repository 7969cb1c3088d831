using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.OpenApi;

/// <summary>
/// What a client generated from /openapi/v1.json relies on (issue 24, item 13): every operation
/// described and tagged with its resource, every success answer typed, no property required that
/// the API leaves out, integers typed as numbers, and the real answers of the member, dealership and
/// program reads conforming to their schemas.
/// </summary>
[Collection(EngineCollection.Name)]
public class OpenApiClientContractTests(EmbeddedEngine engine)
{
    /// <summary>The resources the operations are grouped by, as a reader of the API names them.</summary>
    private static readonly string[] Resources =
    [
        "Analytics", "Audit", "Budgets", "Catalog", "Challenges", "Credentials", "Customers", "Dead letters", "Event archive", "Dealerships", "Events", "Import",
        "Incidents", "Leaderboards", "Notifications", "Program", "Recognition", "Redemptions", "Spot awards", "Staff", "Webhooks",
    ];

    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task Every_operation_has_a_description()
    {
        var undescribed = Operations(await DocumentAsync())
            .Where(o => string.IsNullOrWhiteSpace(o.Operation["description"]?.GetValue<string>()))
            .Select(o => o.Route);

        undescribed.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_success_answer_declares_a_schema()
    {
        var untyped = Operations(await DocumentAsync())
            .SelectMany(o => o.Operation["responses"]!.AsObject()
                .Where(r => r.Key.StartsWith('2') && (r.Value?["content"] as JsonObject ?? []).All(c => c.Value?["schema"] is null))
                .Select(r => $"{o.Route} {r.Key}"));

        untyped.Should().BeEmpty();
    }

    [Fact]
    public async Task Operations_are_tagged_with_the_resource_they_act_on_never_with_a_class_name()
    {
        var document = await DocumentAsync();
        // What ASP.NET Core tags an operation with when told nothing: its handler's class, or the application's name for a lambda.
        var defaultTags = engine.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>()?.DeclaringType?.Name)
            .OfType<string>()
            .Append(engine.Services.GetRequiredService<IHostEnvironment>().ApplicationName)
            .ToHashSet(StringComparer.Ordinal);
        var tags = Operations(document).SelectMany(o => o.Operation["tags"]!.AsArray().Select(t => t!.GetValue<string>())).ToHashSet(StringComparer.Ordinal);

        tags.Should().BeEquivalentTo(Resources);
        tags.Should().NotIntersectWith(defaultTags);
        Operations(document).Should().OnlyContain(o => o.Operation["tags"]!.AsArray().Count == 1, "each operation is listed under one resource");
    }

    [Fact]
    public async Task The_Orleans_dashboard_is_no_part_of_the_document()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject().Select(p => p.Key);

        paths.Should().OnlyContain(path => path.StartsWith(ApiRoutes.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_property_that_may_be_null_is_required_since_the_API_leaves_nulls_out()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();

        var requiredNullables =
            from schema in schemas
            from name in (schema.Value!["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>())
            let property = schema.Value["properties"]![name]!
            where property["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null")
                || property["oneOf"] is JsonArray alternatives && alternatives.Any(a => a!["type"]?.GetValue<string>() == "null")
            select $"{schema.Key}.{name}";

        requiredNullables.Should().BeEmpty();
    }

    [Fact]
    public async Task Numbers_are_typed_as_numbers_only_as_the_API_writes_them()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();

        var numbersOrStrings =
            from schema in schemas
            from property in schema.Value!["properties"] as JsonObject ?? []
            where property.Value!["type"] is JsonArray types && types.Select(t => t!.GetValue<string>()).Intersect(["integer", "number"]).Any()
                && types.Any(t => t!.GetValue<string>() == "string")
            select $"{schema.Key}.{property.Key}";

        numbersOrStrings.Should().BeEmpty("a generated client would type every count and points value as number | string");
    }

    [Fact]
    public async Task The_customer_staff_dealership_and_program_reads_answer_what_their_schemas_declare()
    {
        var traffic = new Traffic(_http, "oaschema");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(10_000);
        (await _http.PutAsJsonAsync($"/api/v1/staff/{traffic.Staff("T")}", new { name = "Ravi Kumar", role = "technician", dealershipId = traffic.Dealership }))
            .EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync($"/api/v1/customers/{traffic.Customer()}/profile", new { name = "Asha Rao", preferences = new[] { "dining" } }))
            .EnsureSuccessStatusCode();
        (await traffic.PostAsync(traffic.VisitCompleted("oaschema-v1"))).EnsureSuccessStatusCode();
        var customer = await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync(traffic.CustomerPath()), c => c["eventsApplied"]?.GetValue<long>() >= 1);
        var staff = await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync($"/api/v1/staff/{traffic.Staff("T")}"), s => s["eventsApplied"]?.GetValue<long>() >= 1);
        var dealership = await _http.GetFromJsonAsync<JsonObject>($"/api/v1/dealerships/{traffic.Dealership}");
        var program = await _http.GetFromJsonAsync<JsonObject>("/api/v1/program");
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();

        var errors = new[]
        {
            ("/api/v1/customers/{id}", (JsonNode)customer), ("/api/v1/staff/{id}", staff), ("/api/v1/dealerships/{id}", dealership!), ("/api/v1/program", program!),
        }.SelectMany(read => document["paths"]![read.Item1]!["get"]!["responses"]!["200"]?["content"]?["application/json"]?["schema"] is { } schema
            ? SchemaConformance.Check(read.Item2, schema, schemas, read.Item1)
            : [$"{read.Item1}: no schema for its 200 answer"]);

        errors.Should().BeEmpty();
        customer["balance"]!["available"]!.GetValue<long>().Should().BePositive("the customer read is one the visit earned points for");
        customer["profile"]!["name"]!.GetValue<string>().Should().Be("Asha Rao");
        staff["name"]!.GetValue<string>().Should().Be("Ravi Kumar");
    }

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await engine.CreateAnonymousClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Route, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Value is JsonObject { } o && o["responses"] is not null
        select ($"{operation.Key.ToUpperInvariant()} {path.Key}", operation.Value!.AsObject());
}
