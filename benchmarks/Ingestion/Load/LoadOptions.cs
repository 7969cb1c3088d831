using System.Globalization;
using System.Net;
using Pitstop.Ingestion.Cost;
using Pitstop.Ingestion.Traffic;

namespace Pitstop.Ingestion.Load;

/// <summary>What the target is: the engine (events are applied later, by grains) or the baseline (stored = done).</summary>
public enum TargetKind
{
    Engine,
    Baseline,
}

/// <summary>Settings of one load run, from the command line.</summary>
public sealed record LoadOptions
{
    public required Uri Target { get; init; }

    public TargetKind Kind { get; init; } = TargetKind.Engine;

    public string Label { get; init; } = "";

    /// <summary>Events to send (with <see cref="Duration"/>: at most this many).</summary>
    public long Events { get; init; } = 100_000;

    /// <summary>Stop sending after this long, even if events are left.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>
    /// Events per second over all clients on a fixed schedule (open loop), or null for the closed
    /// loop at full speed. Paced, <see cref="Events"/> is this rate times <see cref="Duration"/>.
    /// </summary>
    public double? Rate { get; init; }

    public int Concurrency { get; init; } = 8;

    public int BatchSize { get; init; } = 100;

    public int Seed { get; init; } = 42;

    public string RunId { get; init; } = "bench";

    public TimeSpan History { get; init; } = TimeSpan.FromHours(48);

    /// <summary>The simulated clock's end (normally now); pass the same to two runs for byte-identical batches.</summary>
    public DateTimeOffset? End { get; init; }

    public double ReversalShare { get; init; } = 0.002;

    /// <summary>Unmeasured events sent (and, against the engine, applied) before the measured load.</summary>
    public long Warmup { get; init; } = 2_000;

    /// <summary>Dealerships of the simulated network (<see cref="ServiceNetwork.DefaultDealerships"/>: the full layout).</summary>
    public int Dealerships { get; init; } = ServiceNetwork.DefaultDealerships;

    /// <summary>Send this recovery month (<see cref="RecoveryMonth"/>) instead of the regular stream: its size is its own.</summary>
    public RecoveryMonthOptions? Month { get; init; }

    /// <summary>Register the network's dealerships before the load (engine only).</summary>
    public bool Register { get; init; } = true;

    /// <summary>How long to wait, after the last acknowledgement, for every accepted event to be applied.</summary>
    public TimeSpan ApplyTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public string? JsonOut { get; init; }

    /// <summary>Probe the league during the measured load (<see cref="LeagueProbe"/>); the engine only.</summary>
    public bool LeagueProbe { get; init; }

    /// <summary>Live streams of the probe's board held open during the load (<see cref="LiveViewers"/>); takes the league probe.</summary>
    public int LiveViewers { get; init; }

    /// <summary>Processes whose CPU over the measured window is reported (<c>--cpu</c>).</summary>
    public IReadOnlyList<MeasuredProcess> CpuProcesses { get; init; } = [];

    /// <summary>The target's database, whose rows and WAL written over the measured window are reported (<c>--pg-stats</c>).</summary>
    public string? PostgresStats { get; init; }

    /// <summary>
    /// Only this machine may be loaded: 127.0.0.0/8, ::1 or "localhost". Anything else is refused
    /// before a single request is sent.
    /// </summary>
    public static Uri LoopbackOnly(string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--target must be an http(s) URL, not '{target}'");
        }

        var host = uri.Host.Trim('[', ']');
        var loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            throw new ArgumentException($"--target must be a loopback address (127.0.0.1, ::1, localhost); '{uri.Host}' is not");
        }

        return uri;
    }

    /// <summary>The simulated network: its dealerships, with 5,000 customers each on average.</summary>
    public ServiceNetwork Network() => new(Seed, Dealerships, Dealerships * ServiceNetwork.CustomersPerDealership);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Kind.ToString().ToLowerInvariant()} at {Target}: {Load}, concurrency {Concurrency}, batch {BatchSize}, seed {Seed}, run id {RunId}");

    private string Load => Month is { } month
        ? string.Create(CultureInfo.InvariantCulture, $"a recovery month of {Dealerships} centres ({month.Describe()}){(Duration is { } d ? $", at most {d.TotalSeconds:0} s" : "")}")
        : Rate is { } rate && Duration is { } span ? string.Create(CultureInfo.InvariantCulture, $"paced at {rate:N0} events/s for {span.TotalSeconds:0} s ({Events:N0} events)")
        : Duration is { } limit ? string.Create(CultureInfo.InvariantCulture, $"{limit.TotalSeconds:0} s (at most {Events:N0} events)") : string.Create(CultureInfo.InvariantCulture, $"{Events:N0} events");
}
