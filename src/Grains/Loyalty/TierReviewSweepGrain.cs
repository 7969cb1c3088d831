using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>Runs the yearly tier reviews from one hourly reminder (see <see cref="ITierReviewSweepGrain"/>).</summary>
public sealed class TierReviewSweepGrain(
    [PersistentState("tier-review-sweep", StorageNames.Reference)] IPersistentState<TierReviewSweepState> state,
    ProgramCalendar calendar)
    : Grain, ITierReviewSweepGrain, IRemindable
{
    private const string Reminder = "tier-review-sweep";

    // The first sweep comes soon after a silo starts: it catches up the days the downtime missed.
    public async Task StartAsync() =>
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await SweepAsync();

    public async Task<int> SweepAsync()
    {
        var reviewed = 0;
        foreach (var day in TierReviewCalendar.DaysToSweep(state.State.SweptUpTo, calendar.Today()))
        {
            var slices = TierReviewCalendar.KeysOf(TierReviewCalendar.DayKey(day))
                .Select(key => GrainFactory.Reference<ITierReviewGrain>(key).ReviewAsync(day));
            reviewed += (await Task.WhenAll(slices)).Sum();
            // Saved day by day: a failure later on does not review the finished days again.
            state.State.SweptUpTo = day;
            await state.WriteOrReloadAsync(this);
        }

        return reviewed;
    }
}

[GenerateSerializer, Alias("pitstop.TierReviewSweepState")]
public sealed class TierReviewSweepState
{
    /// <summary>The last program day whose reviews finished; null before the first sweep.</summary>
    [Id(0)] public DateOnly? SweptUpTo { get; set; }
}
