using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Pitstop.Grains.Interfaces.Workshop;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Workshop;

/// <summary>
/// One test's dealership and its job cards: the events that open and close them, the dealership's
/// watch, and the SLA alerts the feed holds about a card. Event ids carry the prefix, since events
/// are idempotent on (source, id) across the whole engine.
/// </summary>
internal sealed class JobCards(WorkshopEngine engine, HttpClient http, string prefix)
{
    private readonly Traffic _traffic = new(http, prefix);

    public string Advisor => _traffic.Staff("A");

    public string Customer => _traffic.Customer();

    public string Dealership => _traffic.Dealership;

    public string Id(string card) => $"JC-{prefix}-{card}";

    public Task RegisterDealershipAsync() => _traffic.RegisterDealershipAsync();

    /// <summary>Opens <paramref name="card"/> promised at <paramref name="promisedAt"/> (program time) and waits until it is watched.</summary>
    public async Task OpenAsync(string card, DateTimeOffset promisedAt)
    {
        await PostAsync(Opened(card, promisedAt));
        await Eventually.HoldsAsync(WatchedAsync, cards => cards.Contains(Id(card)));
    }

    /// <summary>Closes a watched <paramref name="card"/> and waits until the watch has let it go.</summary>
    public async Task CompleteAsync(string card, DateTimeOffset promisedAt)
    {
        await PostAsync(Completed(card, promisedAt));
        await Eventually.HoldsAsync(WatchedAsync, cards => !cards.Contains(Id(card)));
    }

    public JsonObject Opened(string card, DateTimeOffset promisedAt) => _traffic.Event($"{prefix}-{card}-opened", "service.visit.opened", new JsonObject
    {
        ["jobCardId"] = Id(card),
        ["customerId"] = Customer,
        ["vin"] = "W1K2060421F000001",
        ["advisorId"] = Advisor,
        ["technicianIds"] = new JsonArray(_traffic.Staff("T")),
        ["promisedAt"] = Time(promisedAt),
    });

    public JsonObject Completed(string card, DateTimeOffset promisedAt)
    {
        var visit = _traffic.VisitCompleted(card);
        visit["id"] = $"{prefix}-{card}-completed";
        visit["data"]!["jobCardId"] = Id(card);
        visit["data"]!["promisedAt"] = Time(promisedAt);
        return visit;
    }

    public async Task PostAsync(JsonObject e) =>
        (await _traffic.PostAsync(e)).StatusCode.Should().Be(HttpStatusCode.Accepted);

    public async Task<List<string>> WatchedAsync() =>
        [.. (await Watch.WatchedAsync()).Select(c => c.JobCardId)];

    /// <summary>What the watch's reminder does on its next tick (every minute, in real time).</summary>
    public Task<int> ReviewAsync() => Watch.ReviewAsync();

    /// <summary>The SLA alerts of the feed about <paramref name="card"/>, oldest first.</summary>
    public async Task<List<JsonObject>> AlertsAsync(string card)
    {
        var found = new List<JsonObject>();
        var after = "0";
        while (true)
        {
            var page = await http.GetObjectAsync($"/api/v1/notifications?after={after}&limit=1000");
            var items = page["items"]!.AsArray();
            found.AddRange(items.Select(n => n!.AsObject()).Where(n => n["data"]?["jobCardId"]?.GetValue<string>() == Id(card)));
            if (items.Count < 1000)
            {
                return found;
            }

            after = page["next"]!.GetValue<string>();
        }
    }

    public static IEnumerable<string> Types(IEnumerable<JsonObject> alerts) => alerts.Select(a => a["type"]!.GetValue<string>());

    private IJobCardWatchGrain Watch => engine.Grains.GetGrain<IJobCardWatchGrain>(Dealership);

    // Fractions kept, so that a test can move the clock to the promise exactly.
    private static string Time(DateTimeOffset time) =>
        time.ToOffset(TimeSpan.FromHours(5.5)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
}
