namespace Pitstop.Ingestion.Traffic;

/// <summary>A service visit as the DMS knows it when the job card is opened.</summary>
public sealed record JobCard(
    string Id,
    string CustomerId,
    string Vin,
    string VehicleClass,
    string VisitKind,
    string AdvisorId,
    string[] TechnicianIds,
    DateTimeOffset PromisedAt)
{
    /// <summary>Workshops promise cars on the quarter hour.</summary>
    public static DateTimeOffset RoundToQuarter(DateTimeOffset t)
    {
        var quarter = TimeSpan.FromMinutes(15).Ticks;
        return new DateTimeOffset(t.UtcTicks / quarter * quarter, TimeSpan.Zero);
    }
}

/// <summary>How the visit ended: what the DMS adds when the job card is closed.</summary>
public sealed record Delivery(DateTimeOffset DeliveredAt, bool FirstTimeFix, bool RepeatRepair, bool JobCardAccurate, decimal InvoiceAmount);
