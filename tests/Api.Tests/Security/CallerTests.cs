using System.Net;
using System.Net.Http.Headers;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Security;

/// <summary>GET /me: a credential learns its own role and scope, whichever way it signed in.</summary>
[Collection(EngineCollection.Name)]
public class CallerTests(EmbeddedEngine engine)
{
    [Fact]
    public async Task An_api_key_is_told_its_name_role_and_scope()
    {
        var me = await engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey).GetObjectAsync("/api/v1/me");

        me.ToJsonString().Should().Be($$"""{"name":"test-workshop","role":"workshop-manager","dealerships":["{{TestCredentials.ManagedDealership}}"],"states":[]}""");
    }

    [Fact]
    public async Task A_viewer_token_is_told_its_subject_claims_and_the_member_it_is()
    {
        var http = engine.CreateAnonymousClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthorizationTests.Token("staff:S-me-T1", "viewer", TestCredentials.JwtSigningKey));

        var me = await http.GetObjectAsync("/api/v1/me");

        me["name"]!.GetValue<string>().Should().Be("staff:S-me-T1");
        me["member"]!.ToJsonString().Should().Be("""{"kind":"staff","id":"S-me-T1"}""");
        me["role"]!.GetValue<string>().Should().Be("viewer");
        me["dealerships"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_credential_it_is_401()
    {
        (await engine.CreateAnonymousClient().GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
