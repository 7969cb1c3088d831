using System.Net;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>The Orleans Dashboard is served at /orleans to admins, and to nobody else.</summary>
[Collection(EngineCollection.Name)]
public class OrleansDashboardTests(EmbeddedEngine engine)
{
    [Theory]
    [InlineData("/orleans/")]
    [InlineData("/orleans/DashboardCounters")]
    public async Task Without_a_credential_the_dashboard_answers_401(string path)
    {
        using var anonymous = engine.CreateAnonymousClient();

        (await anonymous.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_credential_that_is_not_an_admin_s_gets_403()
    {
        using var manager = engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey);

        (await manager.GetAsync("/orleans/")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_gets_the_dashboard_and_the_cluster_s_counters()
    {
        using var admin = engine.CreateClient();

        var page = await admin.GetAsync("/orleans/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        // The dashboard gathers its counters every second: the first answer may predate them.
        await Eventually.HoldsAsync(
            () => admin.GetObjectOrEmptyAsync("/orleans/DashboardCounters"),
            counters => counters["totalActiveHostCount"]?.GetValue<int>() == 1);
    }
}
