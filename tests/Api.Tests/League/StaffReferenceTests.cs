using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>Staff reference data (PUT /staff/{id}): the name the league shows, the role and dealership.</summary>
[Collection(LeagueCollection.Name)]
public class StaffReferenceTests(LeagueEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_named_staff_member_appears_by_name_on_the_leaderboards()
    {
        var traffic = new Traffic(_http, "league-names");
        await traffic.RegisterDealershipAsync();
        var technician = traffic.Staff("T", 1);
        var put = await _http.PutAsJsonAsync($"/api/v1/staff/{technician}", new { name = "Meera Iyer", role = "technician", dealershipId = traffic.Dealership });
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        var staff = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        staff["name"]!.GetValue<string>().Should().Be("Meera Iyer");
        staff["role"]!.GetValue<string>().Should().Be("technician");

        (await traffic.PostAsync(traffic.VisitCompleted("league-names-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var board = await Eventually.HoldsAsync(
            () => _http.GetObjectOrEmptyAsync($"/api/v1/leaderboards/technician?scope=dealership:{traffic.Dealership}"),
            b => b["members"]?.GetValue<int>() == 2);
        var entry = board["entries"]!.AsArray().Single(e => e!["staffId"]!.GetValue<string>() == technician)!;
        entry["name"]!.GetValue<string>().Should().Be("Meera Iyer");
        board["entries"]!.AsArray().Single(e => e!["staffId"]!.GetValue<string>() == traffic.Staff("T", 2))!["name"].Should().BeNull("no one named T2");
    }

    [Theory]
    [InlineData("{\"name\":\"A\",\"role\":\"pilot\",\"dealershipId\":\"DLR-league-names\"}", "role")]
    [InlineData("{\"role\":\"advisor\",\"dealershipId\":\"DLR-league-names\"}", "name")]
    [InlineData("{\"name\":\"A\",\"role\":\"advisor\",\"dealershipId\":\"DLR-nowhere-registered\"}", "dealershipId")]
    [InlineData("{\"name\":\"A\",\"role\":\"advisor\",\"dealershipId\":\"../x\"}", "dealershipId")]
    public async Task Bad_staff_reference_data_names_the_field_at_fault(string json, string field)
    {
        var response = await _http.PutAsync("/api/v1/staff/S-ref-1", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Should().ContainKey(field);
    }

    [Fact]
    public async Task Only_an_admin_sets_staff_reference_data()
    {
        var body = new { name = "A", role = "advisor", dealershipId = TestCredentials.ManagedDealership };
        (await engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey).PutAsJsonAsync("/api/v1/staff/S-ref-2", body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await engine.CreateClientWithKey(TestCredentials.CxKey).PutAsJsonAsync("/api/v1/staff/S-ref-2", body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
