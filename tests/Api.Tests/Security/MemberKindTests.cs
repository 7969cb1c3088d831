using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Security;

/// <summary>
/// A viewer's token names a customer or a staff member (<c>customer:ID</c>, <c>staff:ID</c>), never a
/// bare id: customer and staff ids are two namespaces, and one id can be both a customer and a staff member.
/// </summary>
[Collection(EngineCollection.Name)]
public class MemberKindTests(EmbeddedEngine engine)
{
    private const string Item = "ITEM-member-kind";

    private readonly HttpClient _admin = engine.CreateClient();

    private HttpClient Viewer(string subject)
    {
        var client = engine.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AuthorizationTests.Token(subject, "viewer", TestCredentials.JwtSigningKey));
        return client;
    }

    private static Task<HttpResponseMessage> RedeemAsync(HttpClient http, string path, string key) =>
        http.PostAsJsonAsync($"{path}/redemptions", new { itemId = Item, quantity = 1, idempotencyKey = key });

    /// <summary>A technician with points, whose id a customer's token names too.</summary>
    private async Task<string> StaffWithPointsAsync()
    {
        var traffic = new Traffic(_admin, "member-kind");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(10_000);
        (await _admin.PutAsJsonAsync($"/api/v1/catalog/items/{Item}", new { name = "Keyring", category = "accessories", pointsCost = 1 })).EnsureSuccessStatusCode();
        (await traffic.PostAsync(traffic.VisitCompleted("member-kind-visit"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var staff = traffic.Staff("T", 1);
        await Eventually.HoldsAsync(() => _admin.GetObjectOrEmptyAsync($"/api/v1/staff/{staff}"), s => s["wallet"]?["available"]?.GetValue<long>() >= 3);
        return staff;
    }

    [Fact]
    public async Task A_customer_token_never_reads_or_spends_the_staff_member_of_the_same_id()
    {
        var id = await StaffWithPointsAsync();
        var customer = Viewer($"customer:{id}");
        var staffPath = $"/api/v1/staff/{id}";

        var ledger = await customer.GetAsync($"{staffPath}/ledger");
        var member = await customer.GetAsync(staffPath);
        var redeemed = await RedeemAsync(customer, staffPath, "member-kind-customer");

        ledger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ledger.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        member.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        redeemed.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await customer.GetAsync($"/api/v1/customers/{id}/ledger")).StatusCode.Should().Be(HttpStatusCode.OK, "the customer's own ledger is theirs");
    }

    [Fact]
    public async Task A_staff_token_reads_and_spends_its_own_wallet_and_not_the_customer_of_the_same_id()
    {
        var id = await StaffWithPointsAsync();
        var staff = Viewer($"staff:{id}");
        var staffPath = $"/api/v1/staff/{id}";

        (await staff.GetAsync($"{staffPath}/ledger")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staff.GetAsync(staffPath)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await RedeemAsync(staff, staffPath, "member-kind-staff")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await staff.GetAsync($"/api/v1/customers/{id}/ledger")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await RedeemAsync(staff, $"/api/v1/customers/{id}", "member-kind-staff-as-customer")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_viewer_token_whose_subject_names_no_kind_is_refused_with_a_problem_saying_so()
    {
        var id = await StaffWithPointsAsync();
        var old = Viewer(id);

        var ledger = await old.GetAsync($"/api/v1/staff/{id}/ledger");
        var redeemed = await RedeemAsync(old, $"/api/v1/staff/{id}", "member-kind-old");
        var board = await old.GetAsync("/api/v1/leaderboards/technician?scope=national");

        ledger.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ledger.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = (await ledger.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["type"]!.GetValue<string>().Should().Be("/problems/subject-without-kind");
        problem["detail"]!.GetValue<string>().Should().Contain("customer:").And.Contain("staff:");
        redeemed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        board.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token is refused, not only on member routes");
    }
}
