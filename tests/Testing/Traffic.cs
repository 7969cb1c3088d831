using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pitstop.Testing;

/// <summary>Builds valid events and dealerships for the HTTP tests, each test under its own prefix.</summary>
public sealed class Traffic(HttpClient http, string prefix)
{
    public string Dealership => $"DLR-{prefix}";

    public string Customer(int n = 1) => $"C-{prefix}-{n}";

    public string Staff(string role, int n = 1) => $"S-{prefix}-{role}{n}";

    public async Task RegisterDealershipAsync(string state = "KA")
    {
        var response = await http.PutAsJsonAsync($"/api/v1/dealerships/{Dealership}", new { name = $"Pitstop {prefix}", city = "Bengaluru", state, region = "south" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Mints <paramref name="points"/> into the pool and tops this dealership's budget up by as much.</summary>
    public async Task FundBudgetAsync(long points)
    {
        (await http.PostAsJsonAsync("/api/v1/pool/mint", new { points, reason = "test funding", idempotencyKey = $"mint-{prefix}" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/v1/dealerships/{Dealership}/budget/top-ups", new { points, reason = "test funding", idempotencyKey = $"top-up-{prefix}" }))
            .EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A scheduled visit that earns its customer 500 points and its staff nothing: late, not fixed
    /// first time, a repeat repair, an inaccurate job card.
    /// </summary>
    public JsonObject CustomerOnlyVisit(string id, int customer = 1)
    {
        var visit = VisitCompleted(id, customer, onTime: false);
        var data = visit["data"]!.AsObject();
        data["firstTimeFix"] = false;
        data["repeatRepair"] = true;
        data["jobCardAccurate"] = false;
        return visit;
    }

    public JsonObject VisitCompleted(string id, int customer = 1, bool onTime = true, string visitKind = "scheduled") => Event(id, "service.visit.completed", new JsonObject
    {
        ["jobCardId"] = $"JC-{prefix}-{id}",
        ["customerId"] = Customer(customer),
        ["vin"] = "W1K2060421F000001",
        ["vehicleClass"] = "mid",
        ["visitKind"] = visitKind,
        ["advisorId"] = Staff("A"),
        ["technicianIds"] = new JsonArray(Staff("T", 1), Staff("T", 2)),
        ["promisedAt"] = Time(-60),
        ["deliveredAt"] = Time(onTime ? -90 : -30),
        ["firstTimeFix"] = true,
        ["repeatRepair"] = false,
        ["jobCardAccurate"] = true,
        ["invoiceAmount"] = 18500.00m,
    });

    public JsonObject Event(string id, string type, JsonObject data, int minutesAgo = 10) => new()
    {
        ["id"] = id,
        ["source"] = "dms",
        ["type"] = type,
        ["occurredAt"] = Time(-minutesAgo),
        ["dealershipId"] = Dealership,
        ["data"] = data,
    };

    // The recovery events below carry ids made unique by the prefix: events are idempotent on
    // (source, id) across the whole engine, and recovery tests reuse short ids like "v1".

    /// <summary>A customer-only visit (see <see cref="CustomerOnlyVisit"/>) delivered <paramref name="delay"/> after its promise.</summary>
    public JsonObject DelayedVisit(string id, TimeSpan delay, int customer = 1)
    {
        var visit = CustomerOnlyVisit(id, customer);
        var data = visit["data"]!.AsObject();
        data["promisedAt"] = Time(-20 - (int)delay.TotalMinutes);
        data["deliveredAt"] = Time(-20);
        visit["id"] = $"{prefix}-{id}";
        return visit;
    }

    public JsonObject DefectReported(string id, string jobCardId, int customer = 1, int minutesAgo = 10) => Event($"{prefix}-{id}", "quality.defect.reported", new JsonObject
    {
        ["jobCardId"] = jobCardId,
        ["customerId"] = Customer(customer),
        ["defect"] = "electrical",
        ["technicianIds"] = new JsonArray(Staff("T", 1)),
    }, minutesAgo);

    public JsonObject ComplaintLogged(string id, string complaintId, string severity, int customer = 1, int minutesAgo = 10) => Event($"{prefix}-{id}", "complaint.logged", new JsonObject
    {
        ["complaintId"] = complaintId,
        ["customerId"] = Customer(customer),
        ["severity"] = severity,
    }, minutesAgo);

    public JsonObject IncidentResolved(string id, string incidentId, int minutesAgo = 5) => Event($"{prefix}-{id}", "incident.resolved", new JsonObject
    {
        ["incidentId"] = incidentId,
        ["resolvedAt"] = Time(-minutesAgo),
    }, minutesAgo);

    public JsonObject NpsSubmitted(string id, int score, int customer = 1, int minutesAgo = 10) => Event($"{prefix}-{id}", "survey.nps.submitted", new JsonObject
    {
        ["surveyId"] = $"SV-{prefix}-{id}",
        ["customerId"] = Customer(customer),
        ["score"] = score,
    }, minutesAgo);

    public Task<HttpResponseMessage> PostAsync(params JsonNode[] events) =>
        http.PostAsJsonAsync("/api/v1/events", new JsonObject { ["events"] = new JsonArray(events) });

    /// <summary>An RFC 3339 time in India, <paramref name="minutesFromNow"/> from now (negative: ago), as the events carry it.</summary>
    public static string Time(int minutesFromNow) =>
        DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5.5)).AddMinutes(minutesFromNow).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
