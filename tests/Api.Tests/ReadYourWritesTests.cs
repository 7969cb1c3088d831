using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>
/// <c>POST /api/v1/events?wait=applied</c>: the answer comes once the batch's events are applied,
/// so that reads right after it see them, and says what became of each otherwise.
/// </summary>
[Collection(EngineCollection.Name)]
public class ReadYourWritesTests(EmbeddedEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    private Task<HttpResponseMessage> PostAsync(string query, params JsonNode[] events) =>
        _http.PostAsJsonAsync("/api/v1/events" + query, new JsonObject { ["events"] = new JsonArray(events) });

    private static async Task<JsonObject> AnswerAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task A_batch_that_waits_is_answered_applied_and_the_reads_right_after_see_its_events()
    {
        var traffic = new Traffic(_http, "ryw");
        await traffic.RegisterDealershipAsync();

        var answer = await AnswerAsync(await PostAsync("?wait=applied", traffic.VisitCompleted("ryw-1")));

        answer["accepted"]!.GetValue<int>().Should().Be(1);
        answer["applied"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        answer.Should().NotContainKeys("pending", "deadLettered", "unknown");
        var customer = await _http.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{traffic.Customer()}");
        customer!["balance"]!["pending"]!.GetValue<long>().Should().Be(500);
        customer["tier"]!.GetValue<string>().Should().Be("silver");
        var technician = await _http.GetFromJsonAsync<JsonObject>($"/api/v1/staff/{traffic.Staff("T", 2)}");
        technician!["kpiPoints"]!.GetValue<long>().Should().Be(192);
    }

    [Fact]
    public async Task The_same_batch_posted_again_with_wait_answers_for_its_duplicates()
    {
        var traffic = new Traffic(_http, "ryw-again");
        await traffic.RegisterDealershipAsync();
        await AnswerAsync(await PostAsync("?wait=applied", traffic.VisitCompleted("again-1")));

        var again = await AnswerAsync(await PostAsync("?wait=applied", traffic.VisitCompleted("again-1")));

        again["duplicates"]!.GetValue<int>().Should().Be(1);
        again["applied"]!.GetValue<bool>().Should().BeTrue(again.ToJsonString());
    }

    [Fact]
    public async Task A_duplicate_accepted_by_a_request_that_did_not_wait_is_named_unknown()
    {
        var traffic = new Traffic(_http, "ryw-unknown");
        await traffic.RegisterDealershipAsync();
        var unwaited = await AnswerAsync(await PostAsync("", traffic.VisitCompleted("unknown-1")));
        unwaited.Select(p => p.Key).Should().BeEquivalentTo(["accepted", "duplicates", "rejected"], "a request that does not wait is answered as before");
        await Eventually.HoldsAsync(() => _http.GetObjectOrEmptyAsync($"/api/v1/customers/{traffic.Customer()}"), c => c["eventsApplied"]?.GetValue<int>() == 1);

        var answer = await AnswerAsync(await PostAsync("?wait=applied", traffic.VisitCompleted("ryw-unknown-2"), traffic.VisitCompleted("unknown-1")));

        answer["applied"]!.GetValue<bool>().Should().BeFalse("the engine cannot tell of an event nobody waited for");
        answer["unknown"]!.AsArray().Select(e => (e!["index"]!.GetValue<int>(), e["id"]!.GetValue<string>()))
            .Should().Equal((1, "unknown-1"));
        answer.Should().NotContainKey("pending");
    }

    [Fact]
    public async Task Any_other_wait_is_refused_naming_the_parameter()
    {
        var traffic = new Traffic(_http, "ryw-bad");

        var response = await PostAsync("?wait=forever", traffic.VisitCompleted("bad-1"));

        await ProblemChecks.ShouldBeProblemAsync(response, "POST /api/v1/events?wait=forever", HttpStatusCode.BadRequest, ownType: true, ["wait"]);
    }
}
