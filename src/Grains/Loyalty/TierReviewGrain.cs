using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// The customers reviewed on one day of the year (see <see cref="ITierReviewGrain"/>). Reentrant
/// with one write in flight, like the tier census: every customer a day enrols reports here, and a
/// write per enrolment (of a list that grows with each) held the benchmark's new customers in a
/// queue that outlived the response timeout. Enrolments that arrive while a write is on its way
/// are all persisted by the next one, and each answer waits until its own change is stored.
/// </summary>
[Reentrant]
public sealed class TierReviewGrain(
    [PersistentState("tier-review", StorageNames.Reference)] IPersistentState<TierReviewState> state)
    : Grain, ITierReviewGrain
{
    private const int Parallel = 64;

    private readonly CoalescedWrites _writes = new(state.WriteStateAsync);

    // Per review under way, the customers that enrolled meanwhile: one that answered "leaving" and
    // was upgraded since stays on the list.
    private readonly List<HashSet<string>> _enrolledDuringReviews = [];

    public async Task EnrolAsync(string customerId)
    {
        if (state.State.Customers.Add(customerId))
        {
            _writes.Changed();
        }

        _enrolledDuringReviews.ForEach(enrolled => enrolled.Add(customerId));

        await _writes.StoredAsync();
    }

    public Task<IReadOnlyList<string>> CustomersAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Customers.Order(StringComparer.Ordinal)]);

    /// <summary>
    /// Customers that no longer need this day leave the list. A customer that could not be asked
    /// makes the whole review fail after the others are done, so that the sweep asks again: each
    /// customer reviews itself once per day, however often it is asked.
    /// </summary>
    public async Task<int> ReviewAsync(DateOnly day)
    {
        var enrolledMeanwhile = new HashSet<string>(StringComparer.Ordinal);
        _enrolledDuringReviews.Add(enrolledMeanwhile);
        try
        {
            return await ReviewAllAsync(day, enrolledMeanwhile);
        }
        finally
        {
            _enrolledDuringReviews.Remove(enrolledMeanwhile);
        }
    }

    private async Task<int> ReviewAllAsync(DateOnly day, HashSet<string> enrolledMeanwhile)
    {
        var customers = state.State.Customers.ToList();
        var leaving = new List<string>();
        var failures = new List<Exception>();
        foreach (var chunk in customers.Chunk(Parallel))
        {
            var asked = chunk.Select(async id =>
            {
                try
                {
                    return (Id: id, Stays: await GrainFactory.Reference<ICustomerGrain>(id).ReviewTierAsync(day), Error: (Exception?)null);
                }
                catch (Exception ex)
                {
                    return (Id: id, Stays: true, Error: ex);
                }
            });
            foreach (var answer in await Task.WhenAll(asked))
            {
                if (answer.Error is not null)
                {
                    failures.Add(answer.Error);
                }
                else if (!answer.Stays)
                {
                    leaving.Add(answer.Id);
                }
            }
        }

        leaving.RemoveAll(enrolledMeanwhile.Contains);
        if (leaving.Count > 0)
        {
            state.State.Customers.ExceptWith(leaving);
            _writes.Changed();
            await _writes.StoredAsync();
        }

        return failures.Count == 0 ? customers.Count : throw new AggregateException($"{failures.Count} customers of review day {this.GetPrimaryKeyString()} could not be reviewed", failures);
    }
}

[GenerateSerializer, Alias("pitstop.TierReviewState")]
public sealed class TierReviewState
{
    [Id(0)] public HashSet<string> Customers { get; set; } = [];
}
