using System.Globalization;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// The contract limits of events.md that keep every accepted event applicable: an amount the rules
/// can turn into points, and times the grains can compute deadlines from. One place, read by
/// <see cref="Validation.FieldReader"/> and described to clients in the OpenAPI document.
/// </summary>
public static class EventLimits
{
    /// <summary>
    /// INR 10 crore: above the price of the dearest car an Indian dealer sells, and so above any
    /// invoice, accessory order or upsell of one; far below where points overflow (1.8e20).
    /// </summary>
    public const decimal MaxAmount = 100_000_000m;

    /// <summary>How far ahead a job card's promised delivery may be: long accident repairs wait weeks for parts and insurers.</summary>
    public static readonly TimeSpan MaxPromiseAhead = TimeSpan.FromDays(90);

    public static readonly string AmountMessage =
        $"must be an amount in INR, 0 to {MaxAmount.ToString("N0", CultureInfo.InvariantCulture)}, with at most 2 decimals";

    public static readonly string FutureMessage = $"must not be more than {IntakeWindow.MaxFuture.TotalMinutes:0} minutes in the future";

    public static readonly string PromiseMessage = $"must not be more than {MaxPromiseAhead.TotalDays:0} days in the future";

    public static readonly string AgeMessage = $"must not be older than {IntakeWindow.MaxAge.TotalDays:0} days";

    /// <summary>The limits as the OpenAPI document states them to integrators.</summary>
    public static readonly string Description =
        $"Contract limits (events.md): every money amount (invoiceAmount, amount) is 0 to {MaxAmount.ToString("N0", CultureInfo.InvariantCulture)} INR with at most 2 decimals; "
        + $"every time (occurredAt, promisedAt, deliveredAt, resolvedAt, openedAt, firstResponseAt, closedAt) is at most {IntakeWindow.MaxAge.TotalDays:0} days old "
        + $"and at most {IntakeWindow.MaxFuture.TotalMinutes:0} minutes ahead of the engine's clock, except promisedAt, which may be up to {MaxPromiseAhead.TotalDays:0} days ahead; "
        + "free text is 1 to 1,000 characters of valid Unicode without NUL or other control characters (tab, CR and LF allowed); "
        + "id lists hold at most 12 ids. An event beyond a limit is rejected by itself, naming the field (data.invoiceAmount).";
}
