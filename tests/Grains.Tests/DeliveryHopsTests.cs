using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.Tests;

/// <summary>The calls a delivery costs beyond its members' own: counted, per grain, by <see cref="CountedCalls"/>.</summary>
[Collection(ClusterCollection.Name)]
public class DeliveryHopsTests(ClusterFixture fixture)
{
    private static readonly ProgramCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById(new ProgramOptions().TimeZone), ProgramClock.System);

    private readonly IClusterClient _client = fixture.Cluster.Client;

    private static DmsEvent Visit(string id, string dealershipId, params string[] technicianIds) => new(
        "dms", id, DateTimeOffset.UtcNow.AddMinutes(-5), dealershipId,
        new VisitCompleted("JC-" + id, "C-" + id, "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A-" + dealershipId, technicianIds,
            DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(-2), true, false, true, 10_000m));

    private async Task<IDealershipGrain> RegisterAsync(string dealershipId, string state)
    {
        var dealership = _client.GetGrain<IDealershipGrain>(dealershipId);
        await dealership.RegisterAsync(new DealershipProfile("Pitstop hops", "Pune", state, "west"));
        return dealership;
    }

    private static int CallsTo(IAddressable grain) =>
        new[] { "RegisterAsync", "GetAsync", "ProfileAsync", "ListMonthsAsync", "CountMonthsAsync" }.Sum(m => CountedCalls.Of(grain.GetGrainId(), m));

    /// <summary>The member's score on a board once it shows <paramref name="expected"/>, or what it shows after 10 s.</summary>
    private async Task<long?> BoardScoreAsync(string boardKey, string staffId, long expected)
    {
        var board = _client.GetGrain<ILeaderboardGrain>(boardKey);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long? score;
        do
        {
            score = (await board.ChangesSinceAsync(LeaderboardCursor.Start)).Scores.FirstOrDefault(s => s.StaffId == staffId)?.Score;
            if (score == expected)
            {
                return score;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        return score;
    }

    [Fact]
    public async Task A_delivery_in_a_month_its_router_listed_calls_the_dealership_not_at_all_and_the_dealership_sums_its_months()
    {
        var dealership = await RegisterAsync("DLR-G-hops-months", "HM");
        (await _client.PublishAsync(Visit("hops-months-1", "DLR-G-hops-months", "S-hops-months-1"))).Should().Equal(EventSettlement.Applied);
        var before = CallsTo(dealership);

        (await _client.PublishAsync(Visit("hops-months-2", "DLR-G-hops-months", "S-hops-months-1"))).Should().Equal(EventSettlement.Applied);

        CallsTo(dealership).Should().Be(before, "the month is listed already and its counts are summed when the dealership is read");
        (await dealership.GetAsync())!.EventsApplied.Should().Be(2);
    }

    [Fact]
    public async Task Staff_told_their_dealerships_state_by_the_router_never_ask_the_dealership_for_their_boards()
    {
        var dealership = await RegisterAsync("DLR-G-hops-state", "HS");
        (await _client.PublishAsync(Visit("hops-state-1", "DLR-G-hops-state", "S-hops-state-0"))).Should().Equal(EventSettlement.Applied);
        var before = CallsTo(dealership);
        var technicians = new[] { "S-hops-state-1", "S-hops-state-2", "S-hops-state-3" };
        var visit = Visit("hops-state-2", "DLR-G-hops-state", technicians);

        (await _client.PublishAsync(visit)).Should().Equal(EventSettlement.Applied);

        var board = LeaderboardKey.Of(StaffRole.Technician, Calendar.MonthOf(visit.OccurredAt), LeaderboardKey.State("HS"));
        foreach (var technician in technicians)
        {
            var score = (await _client.GetGrain<IStaffGrain>(technician).GetAsync())!.MonthScore;
            (await BoardScoreAsync(board, technician, score)).Should().Be(score, "each new member's state board has their score");
        }

        CallsTo(dealership).Should().Be(before, "the router told the members their dealership's state with their events");
    }

    [Fact]
    public async Task A_delivery_of_many_events_for_one_technician_tells_each_of_their_boards_once()
    {
        await RegisterAsync("DLR-G-hops-boards", "HB");
        (await _client.PublishAsync(Visit("hops-boards-0", "DLR-G-hops-boards", "S-hops-boards-0"))).Should().Equal(EventSettlement.Applied);
        var visits = Enumerable.Range(1, 20).Select(i => Visit($"hops-boards-{i}", "DLR-G-hops-boards", "S-hops-boards")).ToArray();
        var month = Calendar.MonthOf(visits[0].OccurredAt);
        var boards = new[] { LeaderboardKey.Dealership("DLR-G-hops-boards"), LeaderboardKey.State("HB") }
            .Select(scope => LeaderboardKey.Of(StaffRole.Technician, month, scope)).ToArray();

        (await _client.PublishAsync(visits)).Should().AllBeEquivalentTo(EventSettlement.Applied);

        var score = (await _client.GetGrain<IStaffGrain>("S-hops-boards").GetAsync())!.MonthScore;
        foreach (var board in boards)
        {
            (await BoardScoreAsync(board, "S-hops-boards", score)).Should().Be(score, "the board has the member's score of all 20 visits");
            // The member's first events since: S-hops-boards-0 told this board once before.
            CountedCalls.Of(_client.GetGrain<ILeaderboardGrain>(board).GetGrainId(), "SetAsync").Should().Be(2, "one score per board for the delivery, after the first member's one");
        }
    }
}
