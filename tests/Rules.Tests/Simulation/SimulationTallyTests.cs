using Pitstop.Grains.Interfaces.Archive;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Simulation;

namespace Pitstop.Rules.Tests.Simulation;

public class SimulationTallyTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(5.5));
    private static readonly DateTimeOffset To = From.AddMonths(1);

    private static readonly ArchivedEvent Visit = Archived("v1", From.AddDays(3), new NpsSubmitted("SV-1", "C-1", null, null, 9));
    private static readonly ArchivedEvent Earlier = Archived("v0", From.AddDays(-3), new NpsSubmitted("SV-0", "C-1", null, null, 9));

    private readonly SimulationTally _tally = new(new Dictionary<string, ArchivedEvent>
    {
        [Visit.Event.Key.ToString()] = Visit,
        [Earlier.Event.Key.ToString()] = Earlier,
    }, From, To);

    [Fact]
    public void Awards_are_summed_by_member_class_and_what_caused_them_and_drawn_from_their_budget()
    {
        _tally.Add(Award("a1", "customer:C-1", 500, "dms:v1", To.AddDays(2)));
        _tally.Add(Award("a2", "staff:S-1", 80, "dms:v1", To.AddDays(2)));
        _tally.Add(Award("a3", "customer:C-1", 15_000, "recovery:delay:JC-1", From.AddDays(4)));
        _tally.Add(Award("a4", "customer:C-2", 2_000, "challenge:on-time-4:2026-11", From.AddDays(5)));

        var figures = _tally.Figures(new TierDistribution(2, 0, 0), []);

        figures.CustomerPointsByKind.Should().Equal(new Dictionary<string, long> { ["challenge"] = 2_000, ["recovery"] = 15_000, [Visit.Event.Data.Type] = 500 });
        figures.StaffPointsByKind.Should().Equal(new Dictionary<string, long> { [Visit.Event.Data.Type] = 80 });
        figures.BudgetDrawn.Should().Equal(new Dictionary<string, long> { ["DLR-1"] = 17_580 });
        figures.RecoveryPoints.Should().Be(15_000);
        figures.Tiers.Should().Be(new TierDistribution(2, 0, 0));
    }

    [Fact]
    public void An_entry_caused_by_an_archived_event_belongs_to_the_period_its_event_occurred_in_others_to_when_they_were_made()
    {
        // Applied inside the period, but its event occurred before it: left out.
        _tally.Add(Award("a1", "customer:C-1", 500, "dms:v0", From.AddDays(1)));
        // Made after the period, for an event that occurred in it: counted.
        _tally.Add(Award("a2", "customer:C-1", 700, "dms:v1", To.AddDays(1)));
        // No archived cause, made after the period: left out.
        _tally.Add(Award("a3", "customer:C-1", 15_000, "recovery:delay:JC-1", To.AddDays(1)));

        _tally.Figures(new TierDistribution(0, 0, 0), []).CustomerPointsByKind.Should().Equal(new Dictionary<string, long> { [Visit.Event.Data.Type] = 700 });
    }

    [Fact]
    public void A_reversal_into_a_budget_lowers_what_it_drew_and_other_movements_count_for_nothing()
    {
        _tally.Add(Award("a1", "customer:C-1", 500, "dms:v1", From.AddDays(4)));
        _tally.Add(new LedgerEntry("reversal:a1", From.AddDays(5), EntryKinds.Reversal, "customer:C-1", "budget:DLR-1", 500, "DLR-1", "dms:v1", null));
        _tally.Add(new LedgerEntry("top-up:DLR-1:k", From.AddDays(5), EntryKinds.TopUp, Accounts.Pool, "budget:DLR-1", 9_000, "DLR-1", null, null));
        _tally.Add(new LedgerEntry("r1", From.AddDays(6), EntryKinds.Redemption, "customer:C-1", Accounts.Redeemed, 100, "DLR-1", null, null));

        var figures = _tally.Figures(new TierDistribution(0, 0, 0), []);

        figures.BudgetDrawn.Should().Equal(new Dictionary<string, long> { ["DLR-1"] = 0 });
        figures.CustomerPointsByKind.Should().Equal(new Dictionary<string, long> { [Visit.Event.Data.Type] = 500 });
    }

    private static LedgerEntry Award(string id, string to, long points, string cause, DateTimeOffset at) =>
        new(id, at, EntryKinds.Award, "budget:DLR-1", to, points, "DLR-1", cause, null);

    private static ArchivedEvent Archived(string id, DateTimeOffset occurredAt, EventData data) =>
        new(1, new DmsEvent("dms", id, occurredAt, "DLR-1", data), occurredAt.AddMinutes(1));
}
