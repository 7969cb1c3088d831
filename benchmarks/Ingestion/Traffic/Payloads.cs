using System.Text.Json;

namespace Pitstop.Ingestion.Traffic;

/// <summary>
/// The <c>data</c> of the event types both generators send, written as events.md shows them (same
/// fields, same order). Each returns the writer of a <see cref="GeneratedEvent.Data"/>.
/// </summary>
public static class Payloads
{
    public static Action<Utf8JsonWriter> VisitOpened(JobCard card) => w =>
    {
        w.WriteString("jobCardId", card.Id);
        w.WriteString("customerId", card.CustomerId);
        w.WriteString("vin", card.Vin);
        w.WriteString("advisorId", card.AdvisorId);
        w.WriteIds("technicianIds", card.TechnicianIds);
        w.WriteTime("promisedAt", card.PromisedAt);
    };

    public static Action<Utf8JsonWriter> VisitCompleted(JobCard card, Delivery delivery) => w =>
    {
        w.WriteString("jobCardId", card.Id);
        w.WriteString("customerId", card.CustomerId);
        w.WriteString("vin", card.Vin);
        w.WriteString("vehicleClass", card.VehicleClass);
        w.WriteString("visitKind", card.VisitKind);
        w.WriteString("advisorId", card.AdvisorId);
        w.WriteIds("technicianIds", card.TechnicianIds);
        w.WriteTime("promisedAt", card.PromisedAt);
        w.WriteTime("deliveredAt", delivery.DeliveredAt);
        w.WriteBoolean("firstTimeFix", delivery.FirstTimeFix);
        w.WriteBoolean("repeatRepair", delivery.RepeatRepair);
        w.WriteBoolean("jobCardAccurate", delivery.JobCardAccurate);
        w.WriteNumber("invoiceAmount", delivery.InvoiceAmount);
    };

    public static Action<Utf8JsonWriter> Csat(string surveyId, JobCard card, string[] technicianIds, int score, bool verified) => w =>
    {
        w.WriteString("surveyId", surveyId);
        w.WriteString("jobCardId", card.Id);
        w.WriteString("customerId", card.CustomerId);
        w.WriteString("advisorId", card.AdvisorId);
        w.WriteIds("technicianIds", technicianIds);
        w.WriteNumber("score", score);
        w.WriteBoolean("verified", verified);
    };

    /// <summary>An NPS answer: about a visit (with its job card and advisor) or about the relationship (without).</summary>
    public static Action<Utf8JsonWriter> Nps(string surveyId, string customerId, JobCard? card, int score) => w =>
    {
        w.WriteString("surveyId", surveyId);
        w.WriteString("customerId", customerId);
        if (card is not null)
        {
            w.WriteString("jobCardId", card.Id);
            w.WriteString("advisorId", card.AdvisorId);
        }

        w.WriteNumber("score", score);
    };

    public static Action<Utf8JsonWriter> Upsell(string orderId, string customerId, string advisorId, string product, decimal amount) => w =>
    {
        w.WriteString("orderId", orderId);
        w.WriteString("customerId", customerId);
        w.WriteString("advisorId", advisorId);
        w.WriteString("product", product);
        w.WriteNumber("amount", amount);
    };

    public static Action<Utf8JsonWriter> Defect(JobCard card, string defect, string description, string[] technicianIds) => w =>
    {
        w.WriteString("jobCardId", card.Id);
        w.WriteString("customerId", card.CustomerId);
        w.WriteString("defect", defect);
        w.WriteString("description", description);
        w.WriteIds("technicianIds", technicianIds);
    };

    public static Action<Utf8JsonWriter> Complaint(string complaintId, string customerId, string? jobCardId, string severity, string category, string channel) => w =>
    {
        w.WriteString("complaintId", complaintId);
        w.WriteString("customerId", customerId);
        if (jobCardId is not null)
        {
            w.WriteString("jobCardId", jobCardId);
        }

        w.WriteString("severity", severity);
        w.WriteString("category", category);
        w.WriteString("channel", channel);
    };

    public static Action<Utf8JsonWriter> Resolved(string incidentId, DateTimeOffset resolvedAt, string note) => w =>
    {
        w.WriteString("incidentId", incidentId);
        w.WriteTime("resolvedAt", resolvedAt);
        w.WriteString("note", note);
    };
}
