using System.Diagnostics.Metrics;

namespace Pitstop.Api.Intake;

/// <summary>
/// The intake's own counters, exported at <c>/metrics</c>: events by outcome, labelled with the
/// credential that sent them (its name, never its key), and how long a batch takes to be durable.
/// </summary>
public sealed class IntakeMetrics
{
    public const string MeterName = "Pitstop.Intake";

    // One meter for the process, not one per host: the exporter finds a meter made by a host's
    // IMeterFactory only in that host, and the tests run two hosts in one process.
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Events = Meter.CreateCounter<long>("pitstop.intake.events", "{event}", "Events posted, by outcome (accepted, duplicate, rejected)");
    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("pitstop.intake.duration", "s", "From a batch's arrival to its answer, stored durably");

    public void Record(IntakeAnswer answer, string credential, TimeSpan elapsed)
    {
        var who = new KeyValuePair<string, object?>("credential", credential);
        Events.Add(answer.Accepted, new("outcome", "accepted"), who);
        Events.Add(answer.Duplicates, new("outcome", "duplicate"), who);
        Events.Add(answer.Rejected.Count, new("outcome", "rejected"), who);
        Latency.Record(elapsed.TotalSeconds, who);
    }
}
