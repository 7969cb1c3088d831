using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pitstop.Api.Tests;

/// <summary>
/// The dead-letter routes through HTTP (the poison path itself runs in Grains.Tests, where a rule
/// can be made to refuse an event, and against PostgreSQL in Postgres.Tests).
/// </summary>
[Collection(EngineCollection.Name)]
public class DeadLetterRoutesTests(EmbeddedEngine engine)
{
    private readonly HttpClient _admin = engine.CreateClient();

    [Fact]
    public async Task The_list_answers_its_items_and_refuses_an_unknown_status_naming_it()
    {
        var list = await _admin.GetFromJsonAsync<JsonObject>("/api/v1/admin/dead-letters?status=open");
        list!["items"].Should().BeOfType<JsonArray>();

        var refused = await _admin.GetAsync("/api/v1/admin/dead-letters?status=lost");
        await ProblemChecks.ShouldBeProblemAsync(refused, "list ?status=lost", HttpStatusCode.BadRequest, ownType: true, ["status"]);
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("discard")]
    public async Task Retrying_or_discarding_an_unknown_or_malformed_letter_is_a_problem_not_a_500(string action)
    {
        var unknown = await _admin.PostAsync($"/api/v1/admin/dead-letters/424242/{action}", null);
        await ProblemChecks.ShouldBeProblemAsync(unknown, $"{action} of letter 424242", HttpStatusCode.NotFound, ownType: true, []);

        var malformed = await _admin.PostAsync($"/api/v1/admin/dead-letters/not-a-number/{action}", null);
        await ProblemChecks.ShouldBeProblemAsync(malformed, $"{action} of letter not-a-number", HttpStatusCode.BadRequest, ownType: true, ["id"]);
    }
}
