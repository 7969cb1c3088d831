using Orleans.Concurrency;
using Orleans.Streams;
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

    private IAsyncStream<DmsEvent> Stream(string dealershipId) =>
        _client.GetStreamProvider(EventStreams.ProviderName).GetStream<DmsEvent>(EventStreams.ForDealership(dealershipId));

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        var visit = Visit("redeliver-1", "C-redeliver");
        var stream = Stream("DLR-G-1");

        await stream.OnNextBatchAsync([visit]);
        await stream.OnNextBatchAsync([visit]);
        await stream.OnNextBatchAsync([Visit("redeliver-2", "C-redeliver")]);

        var customer = await Eventually(() => _client.GetGrain<ICustomerGrain>("C-redeliver").GetAsync(), c => c?.EventsApplied == 2);
        customer!.Balance.Pending.Should().Be(1_000);
    }

    [Fact]
    public async Task A_batch_of_events_is_applied_in_full()
    {
        var events = Enumerable.Range(0, 300).Select(i => Visit($"batch-{i}", "C-batch")).ToList();

        await Stream("DLR-G-1").OnNextBatchAsync(events);

        var customer = await Eventually(() => _client.GetGrain<ICustomerGrain>("C-batch").GetAsync(), c => c?.EventsApplied == 300);
        // The budget is empty, so the awards wait; pending points qualify all the same, so the
        // customer turns Gold after 100 visits (50,000) and Platinum after 160 more (150,000).
        customer!.Balance.Pending.Should().Be((100 * 500) + (160 * 625) + (40 * 750));
        customer.Tier.Should().Be(Tier.Platinum);
    }

    [Fact]
    public async Task Applied_state_survives_deactivation()
    {
        await Stream("DLR-G-1").OnNextBatchAsync([Visit("persist-1", "C-persist", "S-persist")]);
        await Eventually(() => _client.GetGrain<IStaffGrain>("S-persist").GetAsync(), s => s?.EventsApplied == 1);

        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var staff = await _client.GetGrain<IStaffGrain>("S-persist").GetAsync();
        staff!.Role.Should().Be(StaffRole.Technician);
        staff.KpiPoints.Should().Be(192);
        staff.DealershipId.Should().Be("DLR-G-1");
    }

    [Fact]
    public async Task One_event_reaches_its_customer_every_staff_member_and_the_dealership()
    {
        await _client.GetGrain<IDealershipGrain>("DLR-G-fan").RegisterAsync(new DealershipProfile("Pitstop fan", "Pune", "MH", "west"));

        await Stream("DLR-G-fan").OnNextBatchAsync([Visit("fan-1", "C-fan", "S-fan-T", dealershipId: "DLR-G-fan")]);

        (await Eventually(() => _client.GetGrain<ICustomerGrain>("C-fan").GetAsync(), c => c is not null))!.Balance.Pending.Should().Be(500);
        (await Eventually(() => _client.GetGrain<IStaffGrain>("S-fan-T").GetAsync(), s => s is not null))!.Role.Should().Be(StaffRole.Technician);
        (await Eventually(() => _client.GetGrain<IStaffGrain>("S-A1").GetAsync(), s => s is not null))!.Role.Should().Be(StaffRole.Advisor);
        (await Eventually(() => _client.GetGrain<IDealershipGrain>("DLR-G-fan").GetAsync(), d => d?.EventsApplied == 1))!.EventsApplied.Should().Be(1);
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

        await Stream("DLR-G-count").OnNextBatchAsync([Visit("count-1", "C-count", dealershipId: "DLR-G-count"), Visit("count-2", "C-count", dealershipId: "DLR-G-count")]);

        var view = await Eventually(() => dealership.GetAsync(), d => d?.EventsApplied == 2);
        view!.EventsByType.Should().Equal(new Dictionary<string, long> { ["service.visit.completed"] = 2 });
        var unknown = await _client.GetGrain<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).FindUnknownAsync(["DLR-G-count", "DLR-G-none"]);
        unknown.Should().Equal("DLR-G-none");
    }

    [Fact]
    public async Task The_dealership_counts_each_event_once_in_the_month_it_occurred_and_ignores_a_stale_report()
    {
        var dealership = _client.GetGrain<IDealershipGrain>("DLR-G-months");
        await dealership.RegisterAsync(new DealershipProfile("Pitstop M", "Pune", "MH", "west"));
        var lastMonth = Visit("months-1", "C-months", dealershipId: "DLR-G-months") with { OccurredAt = DateTimeOffset.UtcNow.AddDays(-40) };
        var thisMonth = Visit("months-2", "C-months", dealershipId: "DLR-G-months");

        await Stream("DLR-G-months").OnNextBatchAsync([lastMonth, thisMonth]);
        await Stream("DLR-G-months").OnNextBatchAsync([lastMonth, thisMonth]);
        await Stream("DLR-G-months").OnNextBatchAsync([Visit("months-3", "C-months", dealershipId: "DLR-G-months")]);
        var view = await Eventually(() => dealership.GetAsync(), d => d?.EventsApplied == 3);
        var month = Calendar.MonthOf(lastMonth.OccurredAt);
        var counted = await _client.GetGrain<IDealershipMonthGrain>(DealershipMonths.KeyOf("DLR-G-months", month)).ApplyAsync(new Immutable<IReadOnlyList<DmsEvent>>([lastMonth]));
        await dealership.CountMonthsAsync(new Dictionary<string, EventCounts> { [month] = new(new Dictionary<string, long>()) });

        counted.Applied.Should().Be(1, "the month counted its event once, whatever the redeliveries");
        (await dealership.GetAsync())!.EventsApplied.Should().Be(3, "a report older than the one taken changes nothing");
        view!.EventsByType.Should().Equal(new Dictionary<string, long> { ["service.visit.completed"] = 3 });
    }

    [Fact]
    public async Task The_dealership_counts_an_event_in_the_month_of_the_program_time_zone()
    {
        var dealership = _client.GetGrain<IDealershipGrain>("DLR-G-zone");
        await dealership.RegisterAsync(new DealershipProfile("Pitstop Z", "Pune", "MH", "west"));
        // 20:00 UTC on 30 November is 01:30 on 1 December in Kolkata, the program's time zone.
        var december = Visit("zone-1", "C-zone", dealershipId: "DLR-G-zone") with { OccurredAt = new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero) };

        await Stream("DLR-G-zone").OnNextBatchAsync([december]);
        await Eventually(() => dealership.GetAsync(), d => d?.EventsApplied == 1);

        var counts = await _client.GetGrain<IDealershipMonthGrain>(DealershipMonths.KeyOf("DLR-G-zone", "2026-12")).ApplyAsync(new Immutable<IReadOnlyList<DmsEvent>>([]));
        counts.Applied.Should().Be(1, "the event happened on 1 December in the program's time zone");
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        T value;
        while (!condition(value = await read()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return value;
    }
}
