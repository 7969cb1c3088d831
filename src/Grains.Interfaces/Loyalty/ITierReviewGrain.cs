namespace Pitstop.Grains.Interfaces.Loyalty;

/// <summary>
/// The customers whose yearly tier review falls on one day of the year, one slice of them (key
/// "MM-dd|slice"; "MM-dd" alone holds a whole day's list enrolled before days were sliced): only
/// those above Silver, the only ones a review can change. Grains per day spare 750,000 customers a
/// reminder each; slices keep each list, and each of its writes, small on the day a migration
/// enrols a whole brand.
/// </summary>
[Alias("pitstop.ITierReviewGrain")]
public interface ITierReviewGrain : IGrainWithStringKey
{
    /// <summary>Adds a customer to the day's review (idempotent).</summary>
    [Alias("enrol")]
    Task EnrolAsync(string customerId);

    /// <summary>The customers enrolled for the day, in id order (what operations look at when a review surprises).</summary>
    [ReadOnly, Alias("customers")]
    Task<IReadOnlyList<string>> CustomersAsync();

    /// <summary>Reviews the day's customers for <paramref name="day"/>; the number reviewed.</summary>
    [Alias("review")]
    Task<int> ReviewAsync(DateOnly day);
}

/// <summary>
/// Runs the yearly tier reviews without a request: on a reminder, reviews each day from the last
/// one it finished to today's (program calendar), so a day missed while the cluster was down is
/// caught up. One activation (key <see cref="Key"/>).
/// </summary>
[Alias("pitstop.ITierReviewSweepGrain")]
public interface ITierReviewSweepGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Registers the sweep's reminder (idempotent; the silo calls it at start).</summary>
    [Alias("start")]
    Task StartAsync();

    /// <summary>Reviews every day due up to the program's today; the number of customers reviewed.</summary>
    [Alias("sweep")]
    Task<int> SweepAsync();
}
