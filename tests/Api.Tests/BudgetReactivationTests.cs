using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>
/// A budget keeps its window of recent transfers in memory only and rebuilds it when it activates
/// (from the journal, its outbox and its pending queue). A member whose own write failed asks again
/// for the same transfer, maybe long after the budget was deactivated: the answer must be the first
/// one, and nothing may move twice.
/// </summary>
[Collection(TimeTravelCollection.Name)]
public class BudgetReactivationTests(TimeTravelEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task A_reactivated_budget_answers_a_replayed_award_as_before_and_moves_nothing_twice()
    {
        var traffic = new Traffic(_http, "window");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(700);
        var budget = engine.Grains.Reference<IBudgetGrain>(traffic.Dealership);
        AwardRequest[] awards =
        [
            new("dms:window-1:customer:C-window-1", new MemberRef(MemberKind.Customer, "C-window-1"), 500, "dms:window-1"),
            new("dms:window-2:customer:C-window-2", new MemberRef(MemberKind.Customer, "C-window-2"), 500, "dms:window-2"),
        ];
        var first = await budget.AwardAsync(awards);
        first.Select(o => o.Funded).Should().Equal(true, false);

        await engine.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var replayed = await budget.AwardAsync(awards);

        replayed.Should().Equal(first, "the funded award is in the journal and the other still waits in the queue");
        var view = await _http.GetObjectAsync($"/api/v1/dealerships/{traffic.Dealership}/budget");
        view["available"]!.GetValue<long>().Should().Be(200);
        view["pendingAwards"]!["count"]!.GetValue<int>().Should().Be(1);
        view["pendingAwards"]!["points"]!.GetValue<long>().Should().Be(500);
        view["awardedTotal"]!.GetValue<long>().Should().Be(500);
    }
}
