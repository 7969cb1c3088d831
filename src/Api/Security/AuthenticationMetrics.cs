using System.Diagnostics.Metrics;

namespace Pitstop.Api.Security;

/// <summary>
/// Credential guessing made visible at <c>/metrics</c>: credentials refused, and requests refused
/// unchecked because their address failed too often. Never labelled with the address or the key.
/// </summary>
public sealed class AuthenticationMetrics
{
    public const string MeterName = "Pitstop.Security";

    // One meter for the process, as IntakeMetrics: the tests run several hosts in one process.
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "pitstop.authentication.failures", "{credential}", "Credentials presented and refused (401)");

    private static readonly Counter<long> Throttled = Meter.CreateCounter<long>(
        "pitstop.authentication.throttled", "{request}", "Requests refused with 429, unchecked, because their address failed authentication too often");

    public void Failed() => Failures.Add(1);

    public void Refused() => Throttled.Add(1);
}
