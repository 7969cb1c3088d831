using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pitstop.Grains.Dealerships;
using Pitstop.Grains.Ledger;

namespace Pitstop.Rules.Tests.Compatibility;

/// <summary>
/// States that storage still holds from before a change of their shape must read. The payloads
/// below were written by the engine at commit 8b1e8cf with Orleans' serializer: a budget whose state
/// still carried its window of recent transfers, a dealership that still counted its own events.
/// </summary>
public class EarlierStatesTests
{
    private const string BudgetWithItsWindow =
        "IADiFcEBQQ8yMDI2LTExAQEBAQEBAQEBAQEBAaIPIQADIehAJ2RtczplMjpjdXN0b21lcjpDLTIh6AgDAUEHQy0y4AGiD0ENZG1zOmUyIYAAUBEK7UbfCIEAAAAAAAAAAODg4CEgAAWB7u0Af6oNdlmAUxBFEmqxRgng4CHgIeAh4CHgIoAAAAAAAAAAAIEAAAAAAAAAAOAhIOAh4OAh4CHgIeAh4OA=";

    private const string DealershipCountingItself =
        "ICAgAQOBJ4nsMpiU+fUAlBIF4OABFegg6EAnUGl0c3RvcCBLb3JhbWFuZ2FsYUETQmVuZ2FsdXJ1QQVLQUELc291dGjgITABMSzULh1TdHJpbmdDb21wYXJlcgADAQHgAQNBL3NlcnZpY2UudmlzaXQuY29tcGxldGVkABXg4A==";

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(BudgetState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_budget_state_written_with_its_window_of_recent_transfers_reads_without_it()
    {
        var budget = Serializer.Deserialize<BudgetState>(Convert.FromBase64String(BudgetWithItsWindow))!;

        (budget.Available, budget.Month, budget.AwardedTotal).Should().Be((700L, "2026-11", 500L));
        budget.Pending.Select(p => (p.TransferId, p.Points)).Should().Equal(("dms:e2:customer:C-2", 500L));
    }

    [Fact]
    public void A_dealership_state_from_before_the_months_counted_keeps_its_profile_and_totals()
    {
        var dealership = Serializer.Deserialize<DealershipState>(Convert.FromBase64String(DealershipCountingItself))!;

        dealership.Profile!.Name.Should().Be("Pitstop Koramangala");
        dealership.EventsApplied.Should().Be(5);
        dealership.EventsByType.Should().Equal(new Dictionary<string, long> { ["service.visit.completed"] = 5 });
        dealership.Applied.Count.Should().Be(1, "its record is still there to be dropped when the grain activates");
        dealership.Months.Should().BeEmpty();
    }
}
