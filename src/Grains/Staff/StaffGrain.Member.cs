using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger;

namespace Pitstop.Grains.Staff;

/// <summary>The member as managers see and change them: their view, profile and spot awards.</summary>
public sealed partial class StaffGrain
{
    public async Task<StaffView?> GetAsync()
    {
        if (!_events.Exists || State.Role is not { } role)
        {
            return null;
        }

        var challenges = await ChallengesForAsync([State.DealershipId], null);
        return new StaffView(
            StaffId, role, State.DealershipId, State.Wallet.ToBalance(), State.KpiPoints, State.EventsApplied,
            State.MonthScores.GetValueOrDefault(Calendar.MonthOf(Now)),
            MonthAchievements.BadgesOf(ThisMonthsEarned()), State.Name, MonthAchievements.ChallengesOf(ThisMonthsEarned()),
            State.Designation, challenges.StandingsOf(role, State.DealershipId, Now, State.ChallengeProgress));
    }

    public async Task<StaffView> SetProfileAsync(StaffProfile profile)
    {
        var renamed = State.Name != profile.Name || State.Role != profile.Role;
        State.Name = profile.Name;
        State.Designation = profile.Designation;
        State.Role = profile.Role;
        if (State.DealershipId != profile.DealershipId)
        {
            State.DealershipId = profile.DealershipId;
            State.DealershipState = null;
        }

        // The boards of this month show the new name (or, once a role is known, the member at all).
        if (renamed)
        {
            StaffDecider.TellBoards(State, Calendar.MonthOf(Now));
        }

        await SaveAsync();
        return (await GetAsync())!;
    }

    public async Task<SpotAward?> ReceiveSpotAwardAsync(string awardId, long points, string reason)
    {
        if (State.SpotAwards.TryGetValue(awardId, out var received))
        {
            return received;
        }

        if (!_events.Exists || State.Role is null)
        {
            return null;
        }

        // Drawn on the member's own dealership budget, like their KPI points; a spot award counts
        // in the month it is given.
        var program = await _versions.NowAsync(State.DealershipId);
        var explanation = new EntryExplanation("spot-award", new Dictionary<string, string> { ["awardId"] = awardId, ["reason"] = reason }, program.Number);
        var outcome = await _wallet.AwardAsync(
            new AwardRequest(LedgerIds.SpotTransfer(awardId, Self), Self, points, LedgerIds.SpotCause(awardId), Explanation: explanation), State.DealershipId);
        var month = Calendar.MonthOf(Now);
        State.KpiPoints = checked(State.KpiPoints + points);
        StaffDecider.Score(State, month, points);
        received = new SpotAward(awardId, StaffId, points, reason, month, Now, outcome.Funded);
        State.SpotAwards[awardId] = received;
        await SaveAsync();
        return received;
    }

    // Badge and challenge ids reached this month, in id order.
    private HashSet<string> ThisMonthsEarned() =>
        State.Achievements.TryGetValue(Calendar.MonthOf(Now), out var record) ? record.Earned : [];
}
