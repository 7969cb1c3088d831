using System.Globalization;

namespace Pitstop.Ingestion.Traffic;

/// <summary>Settings of a recovery month (<see cref="RecoveryMonth"/>).</summary>
public sealed record RecoveryMonthOptions
{
    /// <summary>Centres of the month's network unless told otherwise: the 120-centre network.</summary>
    public const int DefaultCentres = 120;

    /// <summary>Seeds every choice: the same options give the same events, byte for byte.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Prefix of every event id, so that each run's events are new to the engine.</summary>
    public string RunId { get; init; } = "month";

    /// <summary>The month ends here (normally when the run starts): every event is before it.</summary>
    public DateTimeOffset End { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Whole days (IST) before the day of <see cref="End"/>; that day runs up to <see cref="End"/>.</summary>
    public int Days { get; init; } = 30;

    /// <summary>
    /// Visits per centre per day, on average over the network and the week. A centre's own rate
    /// follows its size within ±1/6 of it (25 to 35 at 30); Sundays are quieter.
    /// </summary>
    public double VisitsPerDay { get; init; } = 30;

    /// <summary>
    /// Share of visits that go wrong — a delay of two hours or more, a defect found after delivery,
    /// a complaint about the visit. Luxury service networks report 12–15 %; a few of the month's
    /// last visits have their defect or complaint after it ends, so slightly fewer show one.
    /// </summary>
    public double FrictionShare { get; init; } = 0.14;

    public void Validate()
    {
        if (Days is < 1 or > 365 || VisitsPerDay is <= 0 or > 500 || FrictionShare is < 0 or > 1)
        {
            throw new ArgumentException("--days must be 1..365, --visits-per-day more than 0 and at most 500, --friction-share 0..1");
        }
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Days} days, {VisitsPerDay:0.#} visits per centre per day, {FrictionShare:P1} of visits with friction, seed {Seed}");
}
