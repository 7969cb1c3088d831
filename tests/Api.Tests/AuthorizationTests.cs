using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>Credentials, roles and scope (api.md): 401 without a credential, 403 outside role or scope.</summary>
[Collection(EngineCollection.Name)]
public class AuthorizationTests(EmbeddedEngine engine)
{
    private readonly HttpClient _admin = engine.CreateClient();

    /// <summary>Two dealerships: the workshop manager's own in Karnataka, another in Kerala; a visit in each.</summary>
    private async Task<(Traffic Karnataka, Traffic Kerala)> TwoDealershipsAsync()
    {
        var karnataka = new Traffic(_admin, "authz");
        var kerala = new Traffic(_admin, "authz-kl");
        await karnataka.RegisterDealershipAsync("KA");
        await kerala.RegisterDealershipAsync("KL");
        (await karnataka.PostAsync(karnataka.VisitCompleted("authz-visit-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await kerala.PostAsync(kerala.VisitCompleted("authz-kl-visit-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _admin.GetObjectOrEmptyAsync($"/api/v1/customers/{karnataka.Customer()}"), c => c.Count > 0);
        await Eventually.HoldsAsync(() => _admin.GetObjectOrEmptyAsync($"/api/v1/staff/{kerala.Staff("T", 1)}"), s => s.Count > 0);
        return (karnataka, kerala);
    }

    [Fact]
    public async Task Without_a_known_credential_every_api_route_answers_401_problem_json_and_health_stays_open()
    {
        var anonymous = engine.CreateAnonymousClient();
        var wrongKey = engine.CreateClientWithKey("not-a-configured-key-at-all");

        var noCredential = await anonymous.GetAsync("/api/v1/pool");
        var unknown = await wrongKey.PostAsJsonAsync("/api/v1/events", new { events = Array.Empty<object>() });

        noCredential.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        noCredential.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_ingest_key_for_Karnataka_posts_Karnataka_events_and_its_Kerala_events_are_rejected_one_by_one()
    {
        var (karnataka, kerala) = await TwoDealershipsAsync();
        var ingest = engine.CreateClientWithKey(TestCredentials.IngestKarnatakaKey);

        var response = await ingest.PostAsJsonAsync("/api/v1/events", new JsonObject
        {
            ["events"] = new JsonArray(karnataka.VisitCompleted("authz-ingest-1"), kerala.VisitCompleted("authz-ingest-2")),
        });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        answer["accepted"]!.GetValue<int>().Should().Be(1);
        answer["rejected"]![0]!["index"]!.GetValue<int>().Should().Be(1);
        answer["rejected"]![0]!["errors"]!["dealershipId"]![0]!.GetValue<string>().Should().Be("is outside this credential's scope");
        (await ingest.GetAsync("/api/v1/pool")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an ingest key only posts events");
    }

    [Fact]
    public async Task A_workshop_manager_reads_their_own_dealership_only_and_never_learns_what_exists_elsewhere()
    {
        var (karnataka, kerala) = await TwoDealershipsAsync();
        var manager = engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey);

        (await manager.GetAsync($"/api/v1/dealerships/{karnataka.Dealership}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await manager.GetAsync($"/api/v1/staff/{karnataka.Staff("T", 1)}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await manager.GetAsync($"/api/v1/customers/{karnataka.Customer()}/ledger")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await manager.GetAsync($"/api/v1/dealerships/{karnataka.Dealership}/budget")).StatusCode.Should().Be(HttpStatusCode.OK);

        var forbidden = await manager.GetAsync($"/api/v1/staff/{kerala.Staff("T", 1)}");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await manager.GetAsync($"/api/v1/dealerships/{kerala.Dealership}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.GetAsync($"/api/v1/dealerships/{kerala.Dealership}/budget")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.GetAsync("/api/v1/customers/C-nobody-at-all")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a 404 would leak who exists");
        (await manager.PostAsJsonAsync("/api/v1/pool/mint", new { points = 1, reason = "x", idempotencyKey = "k" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.PutAsJsonAsync($"/api/v1/dealerships/{karnataka.Dealership}", new { name = "x", city = "x", state = "KA", region = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_regional_lead_sees_the_budgets_of_their_states_only()
    {
        var (karnataka, kerala) = await TwoDealershipsAsync();
        var lead = engine.CreateClientWithKey(TestCredentials.RegionalLeadKeralaKey);

        var budgets = (await lead.GetFromJsonAsync<JsonObject>("/api/v1/budgets"))!["budgets"]!.AsArray()
            .Select(b => b!["dealershipId"]!.GetValue<string>()).ToList();

        budgets.Should().Contain(kerala.Dealership).And.NotContain(karnataka.Dealership);
        (await lead.GetAsync($"/api/v1/dealerships/{karnataka.Dealership}/budget")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await lead.GetAsync($"/api/v1/staff/{kerala.Staff("T", 1)}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await lead.GetAsync("/api/v1/admin/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_person_with_a_viewer_token_reads_their_own_record_and_nobody_else_s()
    {
        var (karnataka, _) = await TwoDealershipsAsync();
        var viewer = engine.CreateAnonymousClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token($"customer:{karnataka.Customer()}", "viewer", TestCredentials.JwtSigningKey));
        var forged = engine.CreateAnonymousClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(karnataka.Customer(), "admin", "a-different-signing-key-0123456789abcdef"));

        (await viewer.GetAsync($"/api/v1/customers/{karnataka.Customer()}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync($"/api/v1/customers/{karnataka.Customer()}/ledger")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync($"/api/v1/customers/{karnataka.Customer(2)}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.GetAsync($"/api/v1/dealerships/{karnataka.Dealership}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await forged.GetAsync($"/api/v1/customers/{karnataka.Customer()}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_configured_by_its_SHA_256_authenticates_and_a_near_miss_does_not()
    {
        (await engine.CreateClientWithKey(TestCredentials.HashedKey).GetAsync("/api/v1/notifications?after=0&limit=1"))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await engine.CreateClientWithKey(TestCredentials.HashedKey + "x").GetAsync("/api/v1/notifications?after=0&limit=1"))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_workshop_manager_token_is_scoped_by_its_dealership_claims()
    {
        var (karnataka, kerala) = await TwoDealershipsAsync();
        var manager = engine.CreateAnonymousClient();
        manager.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", Token("manager-1", "workshop-manager", TestCredentials.JwtSigningKey, dealerships: [karnataka.Dealership, "DLR-elsewhere"]));

        (await manager.GetAsync($"/api/v1/dealerships/{karnataka.Dealership}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await manager.GetAsync($"/api/v1/dealerships/{kerala.Dealership}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Customer_experience_reads_notifications_but_not_the_books()
    {
        var cx = engine.CreateClientWithKey(TestCredentials.CxKey);

        (await cx.GetAsync("/api/v1/notifications?after=0&limit=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await cx.GetAsync("/api/v1/admin/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await cx.GetAsync("/api/v1/pool")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_credential_over_its_rate_gets_429_with_Retry_After_and_others_are_not_slowed()
    {
        var limited = engine.CreateClientWithKey(TestCredentials.LimitedKey);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await limited.GetAsync("/api/v1/notifications?after=0&limit=1"));
        }

        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/rate-limited");
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().BeInRange(1, 3, "a burst of two is allowed, refilled at one a second");
        (await engine.CreateClientWithKey(TestCredentials.CxKey).GetAsync("/api/v1/notifications?after=0&limit=1")).StatusCode
            .Should().Be(HttpStatusCode.OK, "limits are per credential");
    }

    /// <summary>A JWT for a person (<c>sub</c>, <c>role</c>, optional <c>dealership</c> claims), signed HS256.</summary>
    internal static string Token(string subject, string role, string signingKey, string[]? dealerships = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = dealerships is null
                ? new Dictionary<string, object> { ["sub"] = subject, ["role"] = role }
                : new Dictionary<string, object> { ["sub"] = subject, ["role"] = role, ["dealership"] = dealerships },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
}
