using System.Globalization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Versions;

namespace Pitstop.Grains.Staff;

/// <summary>
/// One giver's spot awards (see <see cref="ISpotAwardsGrain"/>). An award is reserved against the
/// month's allowance and written before the staff member is asked, so a crash in between leaves a
/// reservation that the retry with the same key finishes (the member receives an award id once).
/// The award is announced on the feed (the dealership's recognition) before it is recorded as
/// given: a retry after a crash in between announces it again under the same id, which the feed
/// keeps once.
/// </summary>
public sealed class SpotAwardsGrain(
    [PersistentState("spot-awards", StorageNames.Reference)] IPersistentState<SpotAwardsState> state,
    ProgramVersions versions,
    ProgramCalendar calendar,
    INotificationFeed feed)
    : Grain, ISpotAwardsGrain
{
    // A giver gives across dealerships: the allowance of the version in force now for everyone.
    private async Task<long> AllowanceAsync() => (await versions.NowAsync(dealershipId: null)).Program.StaffKpi.SpotAwardMonthlyAllowance;

    private SpotAwardsState State => state.State;

    public async Task<SpotAwardOutcome> GiveAsync(SpotAwardRequest request)
    {
        var allowance = await AllowanceAsync();
        var month = calendar.ThisMonth();
        if (State.Month != month)
        {
            // A new month: a fresh allowance. Keys of the month before stay answerable.
            State.Month = month;
            State.GivenThisMonth = 0;
            foreach (var old in State.Given.Where(g => string.CompareOrdinal(g.Value.Month, month) < 0 && g.Value.Month != ProgramCalendar.PreviousMonth(month)).ToList())
            {
                State.Given.Remove(old.Key);
            }
        }

        if (State.Given.TryGetValue(request.IdempotencyKey, out var given))
        {
            return Outcome(given, refusal: null, allowance);
        }

        if (!State.Reserved.TryGetValue(request.IdempotencyKey, out var reserved))
        {
            if (State.GivenThisMonth + request.Points > allowance)
            {
                return Outcome(null, SpotAwardRefusal.OverAllowance, allowance);
            }

            reserved = request;
            State.Reserved[request.IdempotencyKey] = request;
            State.GivenThisMonth += request.Points;
            await state.WriteOrReloadAsync(this);
        }

        var awardId = LedgerIds.SpotAward(this.GetPrimaryKeyString(), request.IdempotencyKey);
        var award = await GrainFactory.Reference<IStaffGrain>(reserved.StaffId).ReceiveSpotAwardAsync(awardId, reserved.Points, reserved.Reason);
        State.Reserved.Remove(request.IdempotencyKey);
        if (award is null)
        {
            State.GivenThisMonth -= reserved.Points;
            await state.WriteOrReloadAsync(this);
            return Outcome(null, SpotAwardRefusal.UnknownStaff, allowance);
        }

        await AnnounceAsync(award);
        State.Given[request.IdempotencyKey] = award;
        await state.WriteOrReloadAsync(this);
        return Outcome(award, refusal: null, allowance);
    }

    private async Task AnnounceAsync(SpotAward award)
    {
        var member = await GrainFactory.Reference<IStaffGrain>(award.StaffId).GetAsync();
        var data = new Dictionary<string, string>
        {
            ["staffId"] = award.StaffId,
            ["points"] = award.Points.ToString(CultureInfo.InvariantCulture),
            ["reason"] = award.Reason,
            ["month"] = award.Month,
        };
        await feed.AppendAsync([new Notification(
            NotificationIds.OfMember(NotificationTypes.SpotAwarded, award.StaffId, award.AwardId), NotificationTypes.SpotAwarded,
            NotificationTargets.Staff(award.StaffId), award.At, data, DealershipId: member?.DealershipId)]);
    }

    private SpotAwardOutcome Outcome(SpotAward? award, SpotAwardRefusal? refusal, long allowance) => new(award, refusal, State.GivenThisMonth, allowance);
}

[GenerateSerializer, Alias("pitstop.SpotAwardsState")]
public sealed class SpotAwardsState
{
    [Id(0)] public string Month { get; set; } = "";

    [Id(1)] public long GivenThisMonth { get; set; }

    /// <summary>Awards given this month and the month before, by idempotency key.</summary>
    [Id(2)] public Dictionary<string, SpotAward> Given { get; set; } = [];

    /// <summary>Awards counted against the allowance whose member has not confirmed yet.</summary>
    [Id(3)] public Dictionary<string, SpotAwardRequest> Reserved { get; set; } = [];
}
