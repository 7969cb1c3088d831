using System.Net;
using System.Text.Json.Nodes;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Simulation;

/// <summary>
/// A month of generated traffic on an engine of its own (its archive holds nothing else): several
/// dealerships, each with customers and staff, scheduled visits (some late, which open delay
/// incidents), accessory sales, complaints and their resolutions. Budgets are funded with exactly
/// what is minted, enough that no award waits.
/// </summary>
public sealed class SimulatedMonth : EmbeddedEngine, IAsyncLifetime
{
    public const int Dealerships = 3;
    public const int CustomersEach = 6;

    public IReadOnlyList<Traffic> Network { get; private set; } = [];

    public int Events { get; private set; }

    public async Task InitializeAsync()
    {
        var admin = CreateClient();
        Network = [.. Enumerable.Range(1, Dealerships).Select(d => new Traffic(admin, $"sim{d}"))];
        var random = new Random(20261207);
        var events = new List<JsonObject>();
        foreach (var traffic in Network)
        {
            await traffic.RegisterDealershipAsync(state: traffic == Network[0] ? "MH" : "KA");
            await traffic.FundBudgetAsync(10_000_000);
            for (var day = 30; day >= 1; day--)
            {
                events.AddRange(DayOf(traffic, day, random));
            }
        }

        foreach (var batch in events.Chunk(200))
        {
            var answer = await Network[0].PostAsync([.. batch]);
            answer.StatusCode.Should().Be(HttpStatusCode.Accepted);
            var body = await answer.Content.ReadAsStringAsync();
            System.Text.Json.Nodes.JsonNode.Parse(body)!["accepted"]!.GetValue<int>().Should().Be(batch.Length, body);
        }

        Events = events.Count;
        await Eventually.HoldsAsync(() => ArchivedAsync(admin), count => count == Events, TimeSpan.FromSeconds(120));
    }

    public new Task DisposeAsync() => base.DisposeAsync().AsTask();

    private static IEnumerable<JsonObject> DayOf(Traffic traffic, int daysAgo, Random random)
    {
        var minutes = daysAgo * 24 * 60;
        var customer = random.Next(1, CustomersEach + 1);
        var late = random.Next(4) == 0;
        var visitId = $"{traffic.Dealership}-v{daysAgo}";
        yield return Visit(traffic, visitId, customer, minutes, late);
        if (random.Next(2) == 0)
        {
            yield return traffic.Event($"{traffic.Dealership}-a{daysAgo}", "sale.accessory.completed", new JsonObject
            {
                ["orderId"] = $"ACC-{traffic.Dealership}-{daysAgo}",
                ["customerId"] = traffic.Customer(random.Next(1, CustomersEach + 1)),
                ["amount"] = 1_000m * random.Next(1, 30),
            }, minutes - 60);
        }

        if (random.Next(5) == 0)
        {
            var complaint = $"CMP-{traffic.Dealership}-{daysAgo}";
            yield return traffic.ComplaintLogged($"c{daysAgo}", complaint, "low", customer, minutes - 120);
            yield return traffic.IncidentResolved($"r{daysAgo}", $"complaint:{complaint}", minutes - 600);
        }
    }

    private static JsonObject Visit(Traffic traffic, string id, int customer, int minutesAgo, bool late)
    {
        var visit = traffic.VisitCompleted(id, customer, onTime: !late);
        visit["occurredAt"] = Traffic.Time(-minutesAgo);
        var data = visit["data"]!.AsObject();
        data["promisedAt"] = Traffic.Time(-minutesAgo - (late ? 300 : 60));
        data["deliveredAt"] = Traffic.Time(-minutesAgo - (late ? 0 : 90));
        return visit;
    }

    private static async Task<int> ArchivedAsync(HttpClient admin)
    {
        var count = 0;
        var after = "0";
        while (true)
        {
            var page = await admin.GetObjectAsync($"/api/v1/admin/events?after={after}&limit=1000");
            var items = page["items"]!.AsArray();
            if (items.Count == 0)
            {
                return count;
            }

            count += items.Count;
            after = page["next"]!.GetValue<string>();
        }
    }
}
