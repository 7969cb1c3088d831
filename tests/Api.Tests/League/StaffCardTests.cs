using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.League;

/// <summary>
/// A staff member's own card at the kiosk: a PIN set by their workshop manager, checked on every
/// card action, wrong PINs counted and locking the card; the card shows the month's badges and
/// completed challenges, and redeems from the catalog.
/// </summary>
[Collection(LeagueCollection.Name)]
public class StaffCardTests(LeagueEngine engine)
{
    private readonly HttpClient _admin = engine.CreateClient();

    /// <summary>A dealership of the test's own with a technician registered and its kiosk: a service head's token scoped to it.</summary>
    private async Task<(Traffic Traffic, string Technician, HttpClient Kiosk)> DealershipAsync(string prefix)
    {
        var traffic = new Traffic(_admin, prefix);
        await traffic.RegisterDealershipAsync();
        var technician = traffic.Staff("T");
        (await _admin.PutAsJsonAsync($"/api/v1/staff/{technician}", new { name = "Kavya Rao", role = "technician", dealershipId = traffic.Dealership }))
            .EnsureSuccessStatusCode();
        var kiosk = engine.CreateAnonymousClient();
        kiosk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthorizationTests.Token($"kiosk-{traffic.Dealership}", "service-head", TestCredentials.JwtSigningKey, [traffic.Dealership]));
        return (traffic, technician, kiosk);
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient kiosk, string staffId, string pin) =>
        kiosk.PostAsJsonAsync($"/api/v1/staff/{staffId}/card", new { pin });

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task Only_the_members_workshop_manager_or_an_admin_sets_a_pin()
    {
        var traffic = new Traffic(_admin, "authz");
        await traffic.RegisterDealershipAsync();
        const string staff = "S-authz-PIN1";
        (await _admin.PutAsJsonAsync($"/api/v1/staff/{staff}", new { name = "Pin Holder", role = "technician", dealershipId = traffic.Dealership })).EnsureSuccessStatusCode();
        var serviceHead = engine.CreateAnonymousClient();
        serviceHead.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthorizationTests.Token("pin-service-head", "service-head", TestCredentials.JwtSigningKey, [traffic.Dealership]));
        var viewer = engine.CreateAnonymousClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AuthorizationTests.Token($"staff:{staff}", "viewer", TestCredentials.JwtSigningKey));

        (await serviceHead.PutAsJsonAsync($"/api/v1/staff/{staff}/pin", new { pin = "1111" })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a kiosk's service-head key must not set the PINs it checks");
        (await viewer.PutAsJsonAsync($"/api/v1/staff/{staff}/pin", new { pin = "1111" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await engine.CreateClientWithKey(TestCredentials.CxKey).PutAsJsonAsync($"/api/v1/staff/{staff}/pin", new { pin = "1111" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey).PutAsJsonAsync($"/api/v1/staff/{staff}/pin", new { pin = "2468" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await OpenAsync(serviceHead, staff, "1111")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "none of the refused PINs was set");
        (await OpenAsync(serviceHead, staff, "2468")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_pin_that_is_not_four_to_eight_digits_is_refused_as_invalid_naming_the_field()
    {
        var (_, technician, kiosk) = await DealershipAsync("card-bad");
        var problem = await ProblemAsync(await _admin.PutAsJsonAsync($"/api/v1/staff/{technician}/pin", new { pin = "12a4" }), HttpStatusCode.BadRequest);
        problem["errors"]!["pin"].Should().NotBeNull();
        (await ProblemAsync(await OpenAsync(kiosk, technician, "12"), HttpStatusCode.BadRequest))["errors"]!["pin"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_card_without_a_pin_does_not_open()
    {
        var (_, technician, kiosk) = await DealershipAsync("card-none");
        (await ProblemAsync(await OpenAsync(kiosk, technician, "1234"), HttpStatusCode.Conflict))["type"]!.GetValue<string>().Should().Be("/problems/pin-not-set");
    }

    [Fact]
    public async Task Wrong_pins_are_refused_and_counted_and_the_fifth_locks_the_card_even_to_the_right_pin_until_the_manager_sets_a_new_one()
    {
        var (_, technician, kiosk) = await DealershipAsync("card-lock");
        (await _admin.PutAsJsonAsync($"/api/v1/staff/{technician}/pin", new { pin = "4321" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var left = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var refused = await ProblemAsync(await OpenAsync(kiosk, technician, "0000"), HttpStatusCode.Forbidden);
            refused["type"]!.GetValue<string>().Should().Be("/problems/pin-refused");
            left.Add(refused["attemptsLeft"]!.GetValue<int>());
        }

        left.Should().Equal(4, 3, 2, 1, 0);
        var locked = await OpenAsync(kiosk, technician, "4321");
        (await ProblemAsync(locked, HttpStatusCode.TooManyRequests))["type"]!.GetValue<string>().Should().Be("/problems/pin-locked");
        locked.Headers.RetryAfter!.Delta.Should().BePositive();
        (await kiosk.PostAsJsonAsync($"/api/v1/staff/{technician}/card/redemptions", new { pin = "4321", itemId = "ITEM-card", quantity = 1, idempotencyKey = "card-lock-1" }))
            .StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a locked card redeems nothing either");

        (await _admin.PutAsJsonAsync($"/api/v1/staff/{technician}/pin", new { pin = "5678" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await OpenAsync(kiosk, technician, "5678")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_right_pin_opens_the_card_with_the_months_completed_challenge_by_name_and_a_malformed_pin_is_not_counted()
    {
        var (traffic, technician, kiosk) = await DealershipAsync("card-open");
        await traffic.FundBudgetAsync(50_000);
        (await _admin.PutAsJsonAsync($"/api/v1/staff/{technician}/pin", new { pin = "2580" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await traffic.PostAsync([.. Enumerable.Range(1, 4).Select(i => (JsonNode)traffic.VisitCompleted($"card-open-{i}"))])).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _admin.GetObjectOrEmptyAsync($"/api/v1/staff/{technician}"), s => s["challenges"]?.AsArray().Count == 1);

        (await OpenAsync(kiosk, technician, "25a0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(await OpenAsync(kiosk, technician, "1111"), HttpStatusCode.Forbidden))["attemptsLeft"]!.GetValue<int>()
            .Should().Be(4, "the malformed PIN before was not tried");
        var opened = await OpenAsync(kiosk, technician, "2580");
        opened.StatusCode.Should().Be(HttpStatusCode.OK);

        var card = (await opened.Content.ReadFromJsonAsync<JsonObject>())!;
        card["staff"]!["name"]!.GetValue<string>().Should().Be("Kavya Rao");
        card["staff"]!["badges"]!.AsArray().Should().BeEmpty("four visits earn no badge");
        var challenge = card["completedChallenges"]!.AsArray().Single()!;
        challenge["challengeId"]!.GetValue<string>().Should().Be(LeagueEngine.Challenge);
        challenge["name"]!.GetValue<string>().Should().Be("Four on-time deliveries this month");
        challenge["bonus"]!.GetValue<long>().Should().Be(300);
        card["staff"]!["wallet"]!["available"]!.GetValue<long>().Should().BeGreaterThan(300);
    }

    [Fact]
    public async Task The_card_redeems_a_catalog_item_on_the_right_pin_and_refuses_and_counts_a_wrong_one()
    {
        var (traffic, technician, kiosk) = await DealershipAsync("card-redeem");
        await traffic.FundBudgetAsync(50_000);
        (await _admin.PutAsJsonAsync("/api/v1/catalog/items/ITEM-card", new { name = "Pitstop cap", category = "lifestyle", pointsCost = 100 })).EnsureSuccessStatusCode();
        (await _admin.PutAsJsonAsync($"/api/v1/staff/{technician}/pin", new { pin = "1357" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await traffic.PostAsync(traffic.VisitCompleted("card-redeem-1"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _admin.GetObjectOrEmptyAsync($"/api/v1/staff/{technician}"), s => s["wallet"]?["available"]?.GetValue<long>() >= 100);

        var wrong = await kiosk.PostAsJsonAsync($"/api/v1/staff/{technician}/card/redemptions", new { pin = "9999", itemId = "ITEM-card", quantity = 1, idempotencyKey = "card-redeem-1" });
        (await ProblemAsync(wrong, HttpStatusCode.Forbidden))["attemptsLeft"]!.GetValue<int>().Should().Be(4);
        (await _admin.GetFromJsonAsync<JsonArray>($"/api/v1/staff/{technician}/redemptions"))!.Should().BeEmpty();

        var placed = await kiosk.PostAsJsonAsync($"/api/v1/staff/{technician}/card/redemptions", new { pin = "1357", itemId = "ITEM-card", quantity = 1, idempotencyKey = "card-redeem-1" });
        placed.StatusCode.Should().Be(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        var redemptions = (await _admin.GetFromJsonAsync<JsonArray>($"/api/v1/staff/{technician}/redemptions"))!;
        redemptions.Single()!["itemId"]!.GetValue<string>().Should().Be("ITEM-card");
        (await ProblemAsync(await OpenAsync(kiosk, technician, "0000"), HttpStatusCode.Forbidden))["attemptsLeft"]!.GetValue<int>()
            .Should().Be(4, "a right PIN ends the run of wrong ones");
    }
}
