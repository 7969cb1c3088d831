using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Pitstop.Api.Tests.Webhooks;

/// <summary>
/// Every bad subscription answers 400 problem+json naming the field at fault, never a 500; on the
/// shared engine, whose setting keeps webhooks off loopback and private networks.
/// </summary>
[Collection(EngineCollection.Name)]
public class WebhookBadInputTests(EmbeddedEngine engine)
{
    private const string Secret = "bad-input-secret-0123456789abcdefghij";
    private readonly HttpClient _admin = engine.CreateClient();

    public static TheoryData<string, string> BadSubscriptions => new()
    {
        { """{"secret":"bad-input-secret-0123456789abcdefghij"}""", "url" },
        { """{"url":"ftp://example.com/in","secret":"bad-input-secret-0123456789abcdefghij"}""", "url" },
        { """{"url":"https://user:pw@192.0.2.1/in","secret":"bad-input-secret-0123456789abcdefghij"}""", "url" },
        { """{"url":"http://127.0.0.1:9000/in","secret":"bad-input-secret-0123456789abcdefghij"}""", "url" },
        { """{"url":"http://[::1]:9000/in","secret":"bad-input-secret-0123456789abcdefghij"}""", "url" },
        { """{"url":"http://10.0.0.8/in","secret":"bad-input-secret-0123456789abcdefghij"}""", "url" },
        { """{"url":"http://169.254.169.254/latest/meta-data","secret":"bad-input-secret-0123456789abcdefghij"}""", "url" },
        { """{"url":"http://localhost:9000/in","secret":"bad-input-secret-0123456789abcdefghij"}""", "url" },
        { """{"url":"https://192.0.2.1/in"}""", "secret" },
        { """{"url":"https://192.0.2.1/in","secret":"too-short"}""", "secret" },
        { """{"url":"https://192.0.2.1/in","secret":42}""", "secret" },
        { """{"url":"https://192.0.2.1/in","secret":"bad-input-secret-0123456789abcdefghij","types":["budget.top-up","no.such-type"]}""", "types[1]" },
        { """{"url":"https://192.0.2.1/in","secret":"bad-input-secret-0123456789abcdefghij","types":"budget.top-up"}""", "types" },
        { """{"url":"https://192.0.2.1/in","secret":"bad-input-secret-0123456789abcdefghij","states":["XX"]}""", "states[0]" },
        { """{"url":"https://192.0.2.1/in","secret":"bad-input-secret-0123456789abcdefghij","dealerships":["bad id!"]}""", "dealerships[0]" },
        { """{"url":"https://192.0.2.1/in","secret":"bad-input-secret-0123456789abcdefghij","dealerships":["DLR-never-registered"]}""", "dealerships" },
        { """{"url":"https://192.0.2.1/in","secret":"bad-input-secret-0123456789abcdefghij","after":-1}""", "after" },
        { """{"url":"https://192.0.2.1/in","secret":"bad-input-secret-0123456789abcdefghij","after":"0"}""", "after" },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task A_bad_subscription_is_refused_naming_the_field(string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var response = await _admin.SendWithDeadlineAsync(request);

        await ProblemChecks.ShouldBeProblemAsync(response, body, HttpStatusCode.BadRequest, ownType: true, [field]);
    }

    [Fact]
    public async Task A_replay_needs_a_position_and_an_unknown_or_malformed_id_is_refused()
    {
        var created = await _admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://192.0.2.1/in", secret = Secret, types = new[] { "tier.upgraded" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["webhookId"]!.GetValue<string>();

        var noPosition = await _admin.PostAsJsonAsync($"/api/v1/webhooks/{id}/replay", new { });
        await ProblemChecks.ShouldBeProblemAsync(noPosition, "replay {}", HttpStatusCode.BadRequest, ownType: true, ["after"]);
        (await _admin.PostAsJsonAsync("/api/v1/webhooks/wh-none/replay", new { after = 0 })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var badId = await _admin.GetAsync("/api/v1/webhooks/bad%20id");
        await ProblemChecks.ShouldBeProblemAsync(badId, "GET bad id", HttpStatusCode.BadRequest, ownType: true, ["id"]);

        (await _admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
