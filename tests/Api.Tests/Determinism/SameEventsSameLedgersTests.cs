using System.Net;
using System.Text.Json.Nodes;
using CsCheck;
using Pitstop.Api.Tests.Loyalty;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Determinism;

/// <summary>
/// Generated event logs of a few customers and staff (visits, sales, contracts, feedback and
/// referrals that contest the same referees) are sent to fresh dealerships twice: once as one batch, once one event
/// per request, each time with the members' grains taking their events after different delays.
/// Every member must end with the same tier, balances and ledger entries: contests between events
/// are decided by stream order, not by which grain is quickest.
/// </summary>
[Collection(ShuffledCollection.Name)]
public class SameEventsSameLedgersTests(ShuffledEngine engine)
{
    private const int Customers = 5;

    private readonly HttpClient _http = engine.CreateClient();

    private enum StepKind
    {
        Visit,
        StaffVisit,
        Accessory,
        Contract,
        Csat,
        Referral,
    }

    /// <summary>One event of the log; <paramref name="Other"/> is a referral's referee (1 or 2, so that referees are contested).</summary>
    private sealed record Step(StepKind Kind, int Customer, int Other, int Value);

    private sealed record Sample(Step[] Log, int BatchedSeed, int OneByOneSeed);

    private static readonly Gen<Sample> Samples = Gen.Select(
        Gen.Select(Gen.Enum<StepKind>(), Gen.Int[1, Customers], Gen.Int[1, 2], Gen.Int[0, 1_000], (kind, customer, other, value) => new Step(kind, customer, other, value))
            .Array[6, 20],
        Gen.Int,
        Gen.Int,
        (log, batched, oneByOne) => new Sample(log, batched, oneByOne));

    [Fact]
    public async Task The_same_events_give_the_same_ledgers_in_one_batch_or_one_by_one_however_the_grains_interleave()
    {
        var run = 0;
        await Samples.SampleAsync(
            async sample =>
            {
                var n = Interlocked.Increment(ref run);
                var batched = await RunAsync($"same{n}a", sample.Log, sample.BatchedSeed, oneByOne: false);
                var oneByOne = await RunAsync($"same{n}b", sample.Log, sample.OneByOneSeed, oneByOne: true);
                oneByOne.Should().Equal(batched);
            },
            iter: 20,
            threads: 1,
            print: sample => string.Join(", ", sample.Log.Select(s => $"{s.Kind}({s.Customer},{s.Other},{s.Value})")));
    }

    /// <summary>Sends the log to a dealership of its own and reads back every customer, the prefix written as "X".</summary>
    private async Task<List<string>> RunAsync(string prefix, Step[] log, int seed, bool oneByOne)
    {
        var traffic = new Traffic(_http, prefix);
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(10_000_000);
        var random = new Random(seed);
        for (var c = 1; c <= Customers; c++)
        {
            DelayedCalls.Delay(traffic.Customer(c), TimeSpan.FromMilliseconds(random.Next(0, 150)));
        }

        foreach (var staffId in StaffOf(traffic))
        {
            DelayedCalls.Delay(staffId, TimeSpan.FromMilliseconds(random.Next(0, 150)));
        }

        var events = log.Select((step, i) => EventOf(traffic, log, i)).ToArray();
        if (oneByOne)
        {
            foreach (var e in events)
            {
                (await traffic.PostAsync(e)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            }
        }
        else
        {
            (await traffic.PostAsync(events)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var facts = new List<string>();
        for (var c = 1; c <= Customers; c++)
        {
            var named = log.Count(s => s.Customer == c || (s.Kind == StepKind.Referral && RefereeOf(s) == c));
            if (named == 0)
            {
                continue;
            }

            var customer = await _http.CustomerAfterAsync(traffic, named, c);
            facts.Add($"C{c} {customer.Tier()} available {customer.Available()} pending {customer["balance"]!["pending"]} applied {customer["eventsApplied"]}");
            var ledger = await _http.GetObjectAsync($"{traffic.CustomerPath(c)}/ledger?limit=1000");
            facts.AddRange(ledger["items"]!.AsArray().Select(e => e!.AsObject())
                .Select(e => $"C{c} {e["id"]} {e["kind"]} {e["points"]} {e["sourceEventId"]} {e["note"]}")
                .Order(StringComparer.Ordinal));
        }

        var staffVisits = log.Count(s => s.Kind == StepKind.StaffVisit);
        foreach (var staffId in staffVisits == 0 ? [] : StaffOf(traffic))
        {
            var staff = await Eventually.HoldsAsync(
                () => _http.GetObjectOrEmptyAsync($"/api/v1/staff/{staffId}"), s => s["eventsApplied"]?.GetValue<long>() >= staffVisits);
            facts.Add($"{staffId} kpi {staff["kpiPoints"]} applied {staff["eventsApplied"]}");
            var ledger = await _http.GetObjectAsync($"/api/v1/staff/{staffId}/ledger?limit=1000");
            facts.AddRange(ledger["items"]!.AsArray().Select(e => e!.AsObject())
                .Select(e => $"{staffId} {e["id"]} {e["kind"]} {e["points"]} {e["sourceEventId"]} {e["note"]}")
                .Order(StringComparer.Ordinal));
        }

        return [.. facts.Select(f => f.Replace(prefix, "X", StringComparison.Ordinal))];
    }

    // The log's events in stream order: each a minute after the one before.
    private static JsonObject EventOf(Traffic traffic, Step[] log, int index)
    {
        var step = log[index];
        var id = $"e{index}";
        var minutesAgo = 300 - index;
        return step.Kind switch
        {
            StepKind.Visit => traffic.Visit(id, step.Customer, minutesAgo),
            StepKind.StaffVisit => StaffVisit(traffic, id, step, minutesAgo),
            StepKind.Accessory => traffic.Accessory(id, 1_000m + (step.Value * 50), step.Customer, minutesAgo),
            StepKind.Contract => traffic.Contract(
                id, (step.Value % 3) switch { 0 => "entry", 1 => "mid", _ => "performance" }, ownership: step.Value % 2 == 0 ? "lease" : "purchase",
                customer: step.Customer, minutesAgo: minutesAgo),
            // Feedback on the customer's latest visit of the log before it, if any.
            StepKind.Csat => traffic.Csat(
                id, LatestVisitOf(traffic, log, index, step.Customer), 3 + (step.Value % 3), customer: step.Customer, minutesAgo: minutesAgo),
            _ => traffic.Referral(id, referrer: step.Customer, referee: RefereeOf(step), minutesAgo),
        };
    }

    /// <summary>A visit that earns its advisor and technicians KPI points too (on time or late).</summary>
    private static JsonObject StaffVisit(Traffic traffic, string id, Step step, int minutesAgo)
    {
        var visit = traffic.VisitCompleted($"{traffic.Dealership}-{id}", step.Customer, onTime: step.Value % 2 == 0);
        visit["occurredAt"] = Traffic.Time(-minutesAgo);
        return visit;
    }

    // The advisor and technicians of every staff visit.
    private static string[] StaffOf(Traffic traffic) => [traffic.Staff("A"), traffic.Staff("T", 1), traffic.Staff("T", 2)];

    private static int RefereeOf(Step step) => step.Other != step.Customer ? step.Other : (step.Other % Customers) + 1;

    private static string LatestVisitOf(Traffic traffic, Step[] log, int before, int customer)
    {
        var visit = Array.FindLastIndex(log, before, s => s.Kind == StepKind.Visit && s.Customer == customer);
        return visit < 0 ? "JC-none" : traffic.Visit($"e{visit}", customer)["data"]!["jobCardId"]!.GetValue<string>();
    }
}
