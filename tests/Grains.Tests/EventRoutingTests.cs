using Orleans.Concurrency;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class EventRoutingTests(ClusterFixture fixture)
{
    private static readonly ProgramCalendar Calendar = new(TimeZoneInfo.FindSystemTimeZoneById(new ProgramOptions().TimeZone), ProgramClock.System);

    private readonly IClusterClient _client = fixture.Cluster.Client;

    private static DmsEvent Visit(string id, string customerId, string technicianId = "S-T1", string dealershipId = "DLR-G-1") => new(
        "dms", id, DateTimeOffset.UtcNow.AddMinutes(-5), dealershipId,
        new VisitCompleted("JC-" + id, customerId, "VIN1", VehicleClass.Mid, VisitKind.Scheduled, "S-A1", [technicianId],
            DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(-2), true, false, true, 10_000m));

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        var visit = Visit("redeliver-1", "C-redeliver");

        (await _client.PublishAsync(visit)).Should().Equal(EventSettlement.Applied);
        // Settled already, so the router answers at once: the next event's settlement says the redelivery was delivered.
        await _client.PublishAsync(visit);
        (await _client.PublishAsync(Visit("redeliver-2", "C-redeliver"))).Should().Equal(EventSettlement.Applied);

        var customer = await _client.GetGrain<ICustomerGrain>("C-redeliver").GetAsync();
        customer!.EventsApplied.Should().Be(2);
        customer.Balance.Pending.Should().Be(1_000);
    }

    [Fact]
    public async Task A_batch_of_events_is_applied_in_full()
    {
        var events = Enumerable.Range(0, 300).Select(i => Visit($"batch-{i}", "C-batch")).ToArray();

        (await _client.PublishAsync(events)).Should().HaveCount(300).And.AllBeEquivalentTo(EventSettlement.Applied);

        var customer = await _client.GetGrain<ICustomerGrain>("C-batch").GetAsync();
        customer!.EventsApplied.Should().Be(300);
        // The budget is empty, so the awards wait; pending points qualify all the same, so the
        // customer turns Gold after 100 visits (50,000) and Platinum after 160 more (150,000).
        customer.Balance.Pending.Should().Be((100 * 500) + (160 * 625) + (40 * 750));
        customer.Tier.Should().Be(Tier.Platinum);
    }

    [Fact]
    public async Task Applied_state_survives_deactivation()
    {
        (await _client.PublishAsync(Visit("persist-1", "C-persist", "S-persist"))).Should().Equal(EventSettlement.Applied);

        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var staff = await _client.GetGrain<IStaffGrain>("S-persist").GetAsync();
        staff!.EventsApplied.Should().Be(1);
        staff.Role.Should().Be(StaffRole.Technician);
        staff.KpiPoints.Should().Be(192);
        staff.DealershipId.Should().Be("DLR-G-1");
    }

    [Fact]
    public async Task One_event_reaches_its_customer_every_staff_member_and_the_dealership()
    {
        await _client.GetGrain<IDealershipGrain>("DLR-G-fan").RegisterAsync(new DealershipProfile("Pitstop fan", "Pune", "MH", "west"));

        (await _client.PublishAsync(Visit("fan-1", "C-fan", "S-fan-T", dealershipId: "DLR-G-fan"))).Should().Equal(EventSettlement.Applied);

        (await _client.GetGrain<ICustomerGrain>("C-fan").GetAsync())!.Balance.Pending.Should().Be(500);
        (await _client.GetGrain<IStaffGrain>("S-fan-T").GetAsync())!.Role.Should().Be(StaffRole.Technician);
        (await _client.GetGrain<IStaffGrain>("S-A1").GetAsync())!.Role.Should().Be(StaffRole.Advisor);
        (await _client.GetGrain<IDealershipGrain>("DLR-G-fan").GetAsync())!.EventsApplied.Should().Be(1);
    }

    [Fact]
    public async Task A_grain_given_the_same_events_twice_applies_them_once()
    {
        var customer = _client.GetGrain<ICustomerGrain>("C-twice");
        var visits = new[] { Visit("twice-1", "C-twice"), Visit("twice-2", "C-twice") };

        await customer.ApplyAsync(visits.AsImmutable<IReadOnlyList<DmsEvent>>());
        await customer.ApplyAsync(visits.AsImmutable<IReadOnlyList<DmsEvent>>());

        (await customer.GetAsync())!.Balance.Pending.Should().Be(1_000);
    }

    [Fact]
    public async Task An_event_that_changes_nothing_for_a_member_is_not_counted_as_applied_to_them()
    {
        var staff = _client.GetGrain<IStaffGrain>("S-noop");
        var completed = Visit("noop-1", "C-noop", technicianId: "S-noop");
        var opened = new DmsEvent("dms", "noop-2", DateTimeOffset.UtcNow.AddMinutes(-1), "DLR-G-1",
            new VisitOpened("JC-noop-2", "C-noop", "VIN1", "S-A1", ["S-noop"], DateTimeOffset.UtcNow.AddHours(2)));

        await staff.ApplyAsync(new[] { completed, opened }.AsImmutable<IReadOnlyList<DmsEvent>>());

        var view = (await staff.GetAsync())!;
        view.EventsApplied.Should().Be(1, "opening a job card neither creates this technician nor earns them points");
        view.KpiPoints.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_member_never_named_by_an_event_does_not_exist() =>
        (await _client.GetGrain<ICustomerGrain>("C-nobody").GetAsync()).Should().BeNull();

    [Fact]
    public async Task The_dealership_counts_its_events_by_type_and_the_directory_knows_it()
    {
        var dealership = _client.GetGrain<IDealershipGrain>("DLR-G-count");
        await dealership.RegisterAsync(new DealershipProfile("Pitstop G", "Pune", "MH", "west"));

        (await _client.PublishAsync(Visit("count-1", "C-count", dealershipId: "DLR-G-count"), Visit("count-2", "C-count", dealershipId: "DLR-G-count")))
            .Should().Equal(EventSettlement.Applied, EventSettlement.Applied);

        var view = await dealership.GetAsync();
        view!.EventsApplied.Should().Be(2);
        view.EventsByType.Should().Equal(new Dictionary<string, long> { ["service.visit.completed"] = 2 });
        var unknown = await _client.GetGrain<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).FindUnknownAsync(["DLR-G-count", "DLR-G-none"]);
        unknown.Should().Equal("DLR-G-none");
    }

    [Fact]
    public async Task The_dealership_counts_each_event_once_in_the_month_it_occurred()
    {
        var dealership = _client.GetGrain<IDealershipGrain>("DLR-G-months");
        await dealership.RegisterAsync(new DealershipProfile("Pitstop M", "Pune", "MH", "west"));
        var lastMonth = Visit("months-1", "C-months", dealershipId: "DLR-G-months") with { OccurredAt = DateTimeOffset.UtcNow.AddDays(-40) };
        var thisMonth = Visit("months-2", "C-months", dealershipId: "DLR-G-months");

        (await _client.PublishAsync(lastMonth, thisMonth)).Should().Equal(EventSettlement.Applied, EventSettlement.Applied);
        // Settled already, so the router answers at once: the next event's settlement says the redelivery was delivered.
        await _client.PublishAsync(lastMonth, thisMonth);
        (await _client.PublishAsync(Visit("months-3", "C-months", dealershipId: "DLR-G-months"))).Should().Equal(EventSettlement.Applied);
        var view = await dealership.GetAsync();
        var month = Calendar.MonthOf(lastMonth.OccurredAt);
        var counted = await _client.GetGrain<IDealershipMonthGrain>(DealershipMonths.KeyOf("DLR-G-months", month)).CountsAsync();

        counted.Applied.Should().Be(1, "the month counted its event once, whatever the redeliveries");
        view!.EventsApplied.Should().Be(3, "each event is counted once, whatever the redeliveries");
        view.EventsByType.Should().Equal(new Dictionary<string, long> { ["service.visit.completed"] = 3 });
    }

    [Fact]
    public async Task The_dealership_counts_an_event_in_the_month_of_the_program_time_zone()
    {
        var dealership = _client.GetGrain<IDealershipGrain>("DLR-G-zone");
        await dealership.RegisterAsync(new DealershipProfile("Pitstop Z", "Pune", "MH", "west"));
        // 20:00 UTC on 30 November is 01:30 on 1 December in Kolkata, the program's time zone.
        var december = Visit("zone-1", "C-zone", dealershipId: "DLR-G-zone") with { OccurredAt = new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero) };

        (await _client.PublishAsync(december)).Should().Equal(EventSettlement.Applied);

        var counts = await _client.GetGrain<IDealershipMonthGrain>(DealershipMonths.KeyOf("DLR-G-zone", "2026-12")).CountsAsync();
        counts.Applied.Should().Be(1, "the event happened on 1 December in the program's time zone");
    }
}
