using System.Globalization;
using System.Text.Json;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Ingestion.Traffic;

/// <summary>Settings of one generated stream of traffic.</summary>
public sealed record TrafficOptions
{
    /// <summary>Seeds every choice: the same seed, run id and end time give the same events, byte for byte.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Prefix of every event id, so that each run's events are new to the engine.</summary>
    public string RunId { get; init; } = "bench";

    /// <summary>The simulated clock ends here (the last event is at or before it); normally "now".</summary>
    public DateTimeOffset End { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>How much simulated time the stream covers (its first event is about this long before <see cref="End"/>).</summary>
    public TimeSpan History { get; init; } = TimeSpan.FromHours(48);

    /// <summary>How many events the stream is expected to hold: sets the pace of the simulated clock.</summary>
    public long ExpectedEvents { get; init; } = 100_000;

    /// <summary>Share of spontaneous events that reverse an earlier sale (0 = none).</summary>
    public double ReversalShare { get; init; } = 0.002;

    /// <summary>A reversal names a sale generated at least this many events earlier (long acknowledged by then).</summary>
    public long ReversalLag { get; init; } = 10_000;

    /// <summary>
    /// Whether spontaneous activity includes service visits and complaints. The recovery month
    /// (<see cref="RecoveryMonth"/>) generates those itself, with their friction and recovery, and
    /// takes the rest of the mix from here.
    /// </summary>
    public bool ServiceActivity { get; init; } = true;
}

/// <summary>
/// A deterministic stream of the traffic of a car-service network. Spontaneous activity (visits
/// opened, sales, contracts, referrals, support cases) arrives on a simulated clock, and each visit
/// schedules what follows from it: its completion at delivery (about 10 % late, some by two hours or
/// more), surveys, the occasional defect or complaint and the resolution of those incidents. Every
/// event is valid under events.md; timestamps are in IST (+05:30) and never after <see cref="TrafficOptions.End"/>.
/// </summary>
public sealed class TrafficGenerator
{
    private static readonly int[] SlaHours = [4, 8, 8, 24, 24, 48];

    private readonly TrafficOptions _options;
    private readonly ServiceNetwork _network;
    private readonly Random _random;
    private readonly Draws _draw;
    private readonly PriorityQueue<Func<GeneratedEvent>, (long Ticks, long Order)> _scheduled = new();
    private readonly Queue<(long Seq, string Source, string Id, Dealership Dealership)> _reversible = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly int[][] _serials;
    private readonly DateTimeOffset _start;
    private readonly long _stepTicks;
    private long _spontaneous;
    private long _emitted;
    private long _order;
    private DateTimeOffset _clock;

    public TrafficGenerator(ServiceNetwork network, TrafficOptions options)
    {
        _network = network;
        _options = options;
        _random = new Random(options.Seed);
        _draw = new Draws(_random);
        _serials = Enumerable.Range(0, Enum.GetValues<Serial>().Length).Select(_ => new int[network.Dealerships.Count]).ToArray();
        _start = options.End - options.History;
        _clock = _start;
        // The clock reaches End after ExpectedEvents.
        _stepTicks = Math.Max(1, (long)(options.History.Ticks / Math.Max(1.0, options.ExpectedEvents * SpontaneousShare)));
    }

    /// <summary>Share of the stream that is spontaneous (the rest follows from visits and referrals), with service activity.</summary>
    public const double SpontaneousShare = 0.55;

    private enum Serial
    {
        JobCard, Survey, Complaint, Accessory, Upsell, Contract, Case,
    }

    /// <summary>How many events of each type were generated so far.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    public long Generated => _emitted;

    public GeneratedEvent Next()
    {
        if (_scheduled.TryPeek(out var build, out var key) && key.Ticks <= _clock.UtcTicks)
        {
            _scheduled.Dequeue();
            return build();
        }

        _spontaneous++;
        var next = _clock.AddTicks(_stepTicks);
        _clock = next <= _options.End ? next : _options.End;
        return Spontaneous();
    }

    public List<GeneratedEvent> NextBatch(int size)
    {
        var batch = new List<GeneratedEvent>(size);
        for (var i = 0; i < size; i++)
        {
            batch.Add(Next());
        }

        return batch;
    }

    // ---------------------------------------------------------------------------------------------
    // Spontaneous activity

    private GeneratedEvent Spontaneous()
    {
        var d = _network.PickDealership(_random);
        var roll = _random.NextDouble() * 100;
        if (roll < _options.ReversalShare * 100 && TryReversal() is { } reversal)
        {
            return reversal;
        }

        if (!_options.ServiceActivity)
        {
            // The same mix without visits (0–52) and complaints (89–91): the rest, in proportion.
            roll = 52 + roll * 0.46;
            roll = roll < 89 ? roll : roll + 2;
        }

        return roll switch
        {
            < 52 => VisitOpened(d),
            < 64 => SupportCase(d),
            < 74 => AccessorySale(d, Customer(d), _random.NextDouble() < 0.7 ? _draw.Pick(d.Advisors) : null, _clock),
            < 82 => UpsellSale(d, Customer(d), _draw.Pick(d.Advisors), _clock),
            < 87 => Contract(d, Customer(d), _clock),
            < 89 => Referral(d),
            < 91 => StandaloneComplaint(d),
            _ => StandaloneNps(d),
        };
    }

    private GeneratedEvent VisitOpened(Dealership d)
    {
        var customer = Customer(d);
        var customerId = ServiceNetwork.CustomerId(customer);
        var vin = ServiceNetwork.Vin(customer);
        var jobCard = string.Create(CultureInfo.InvariantCulture, $"JC-{d.Code}-{_clock.ToOffset(Wire.Ist).Year}-{NextSerial(Serial.JobCard, d):D6}");
        var advisor = _draw.Pick(d.Advisors);
        var technicians = _draw.PickSome(d.Technicians, 1 + (_random.NextDouble() < 0.35 ? 1 : 0) + (_random.NextDouble() < 0.1 ? 1 : 0));
        var opened = _clock;
        var promisedAt = JobCard.RoundToQuarter(opened.AddMinutes(180 + _random.Next(6 * 60)));
        var card = new JobCard(jobCard, customerId, vin, ServiceNetwork.VehicleClass(customer), _draw.VisitKind(), advisor, technicians, promisedAt);
        if (_random.NextDouble() < 0.97)
        {
            ScheduleCompletion(d, card, customer);
        }

        return Emit("dms", "service.visit.opened", opened, d, Payloads.VisitOpened(card));
    }

    private void ScheduleCompletion(Dealership d, JobCard card, int customer)
    {
        // About 10 % of cars are delivered late; a third of those by two hours or more (a delay incident).
        var late = _random.NextDouble() < 0.10;
        var deliveredAt = late
            ? card.PromisedAt.AddMinutes(_random.NextDouble() < 0.35 ? 120 + _random.Next(8 * 60) : 10 + _random.Next(110))
            : card.PromisedAt.AddMinutes(-_random.Next(120));
        var delivery = _draw.Delivery(card, deliveredAt);
        Schedule(deliveredAt, "dms", "service.visit.completed", d, Payloads.VisitCompleted(card, delivery));

        // What follows a delivery: surveys, an upsell at the counter, now and then a defect or a complaint.
        var unhappy = late || !delivery.FirstTimeFix;
        if (_random.NextDouble() < 0.06)
        {
            var at = deliveredAt.AddMinutes(-_random.Next(30));
            ScheduleEvent(at, () => UpsellSale(d, customer, card.AdvisorId, at));
        }

        if (_random.NextDouble() < 0.35)
        {
            var surveyId = string.Create(CultureInfo.InvariantCulture, $"SV-{d.Code}-{NextSerial(Serial.Survey, d):D6}");
            var score = _draw.CsatScore(unhappy);
            var verified = _random.NextDouble() < 0.8;
            var surveyed = _draw.PickSome(card.TechnicianIds, 1);
            Schedule(deliveredAt.AddMinutes(60 + _random.Next(47 * 60)), "survey", "survey.csat.submitted", d, Payloads.Csat(surveyId, card, surveyed, score, verified));
        }

        if (_random.NextDouble() < 0.20)
        {
            var surveyId = string.Create(CultureInfo.InvariantCulture, $"SV-{d.Code}-{NextSerial(Serial.Survey, d):D6}");
            var score = _draw.NpsScore(unhappy);
            Schedule(deliveredAt.AddMinutes(120 + _random.Next(70 * 60)), "survey", "survey.nps.submitted", d, Payloads.Nps(surveyId, card.CustomerId, card, score));
        }

        if (_random.NextDouble() < 0.02)
        {
            var defect = _draw.Pick(Vocabulary.DefectKinds);
            var note = _draw.Pick(Vocabulary.DefectNotes);
            var blamed = _draw.PickSome(card.TechnicianIds, 1);
            var reportedAt = deliveredAt.AddMinutes(120 + _random.Next(2 * 24 * 60));
            Schedule(reportedAt, "dms", "quality.defect.reported", d, Payloads.Defect(card, defect, note, blamed));
            MaybeResolve(d, $"defect:{card.Id}", reportedAt);
        }

        if (_random.NextDouble() < (unhappy ? 0.10 : 0.02))
        {
            var loggedAt = deliveredAt.AddMinutes(60 + _random.Next(48 * 60));
            ScheduleEvent(loggedAt, () => Complaint(d, customer, card.Id, loggedAt));
        }
    }

    private GeneratedEvent SupportCase(Dealership d)
    {
        var caseId = string.Create(CultureInfo.InvariantCulture, $"CS-{d.Code}-{NextSerial(Serial.Case, d):D6}");
        var agent = _draw.Pick(d.Agents);
        string? customerId = _random.NextDouble() < 0.85 ? ServiceNetwork.CustomerId(Customer(d)) : null;
        var sla = _draw.Pick(SlaHours);
        var withinSla = _random.NextDouble() < 0.85;
        var minutesOpen = (int)(sla * 60 * (withinSla ? 0.1 + _random.NextDouble() * 0.85 : 1.05 + _random.NextDouble() * 1.5));
        var closedAt = _clock;
        var openedAt = closedAt.AddMinutes(-minutesOpen);
        var firstResponse = openedAt.AddMinutes(_random.NextDouble() < 0.8 ? 5 + _random.Next(100) : 120 + _random.Next(240));
        if (firstResponse > closedAt)
        {
            firstResponse = closedAt;
        }

        var notesComplete = _random.NextDouble() < 0.9;
        return Emit("support", "support.case.closed", closedAt, d, w =>
        {
            w.WriteString("caseId", caseId);
            w.WriteString("agentId", agent);
            if (customerId is not null)
            {
                w.WriteString("customerId", customerId);
            }

            w.WriteTime("openedAt", openedAt);
            w.WriteTime("firstResponseAt", firstResponse);
            w.WriteTime("closedAt", closedAt);
            w.WriteNumber("slaHours", sla);
            w.WriteBoolean("notesComplete", notesComplete);
        });
    }

    private GeneratedEvent AccessorySale(Dealership d, int customer, string? advisor, DateTimeOffset at)
    {
        var orderId = string.Create(CultureInfo.InvariantCulture, $"ACC-{d.Code}-{NextSerial(Serial.Accessory, d):D6}");
        var customerId = ServiceNetwork.CustomerId(customer);
        var amount = _draw.Money(1_500, 60_000);
        var e = Emit("dms", "sale.accessory.completed", at, d, w =>
        {
            w.WriteString("orderId", orderId);
            w.WriteString("customerId", customerId);
            if (advisor is not null)
            {
                w.WriteString("advisorId", advisor);
            }

            w.WriteNumber("amount", amount);
        });
        _reversible.Enqueue((_emitted, e.Source, e.Id, d));
        return e;
    }

    private GeneratedEvent UpsellSale(Dealership d, int customer, string advisor, DateTimeOffset at)
    {
        var orderId = string.Create(CultureInfo.InvariantCulture, $"UPS-{d.Code}-{NextSerial(Serial.Upsell, d):D6}");
        var (product, min, max, _) = Vocabulary.UpsellProducts[_draw.WeightedIndex(Vocabulary.UpsellProducts.Select(p => p.Weight))];
        var e = Emit("dms", "sale.upsell.completed", at, d, Payloads.Upsell(orderId, ServiceNetwork.CustomerId(customer), advisor, product, _draw.Money(min, max)));
        _reversible.Enqueue((_emitted, e.Source, e.Id, d));
        return e;
    }

    private GeneratedEvent Contract(Dealership d, int customer, DateTimeOffset at, string? contractId = null, string? kind = null)
    {
        contractId ??= NewContractId(d);
        var lease = _random.NextDouble() < 0.35;
        kind ??= lease
            ? _draw.WeightedPick(("new", 60), ("renewal", 30), ("purchase_to_lease", 10))
            : _draw.WeightedPick(("new", 55), ("renewal", 8), ("lease_to_purchase", 12), ("buyout", 10), ("finance_completed", 15));
        var customerId = ServiceNetwork.CustomerId(customer);
        // A new car has a VIN of its own; the other kinds are about the customer's current car.
        var vin = kind == "new" ? ServiceNetwork.Vin(_network.CustomerCount + NextSerial(Serial.Contract, d) * 1000 + d.Index) : ServiceNetwork.Vin(customer);
        var vehicleClass = kind == "new" ? _draw.WeightedPick(("entry", 45), ("mid", 38), ("performance", 17)) : ServiceNetwork.VehicleClass(customer);
        var ownership = lease ? "lease" : "purchase";
        return Emit("contracts", "contract.signed", at, d, w =>
        {
            w.WriteString("contractId", contractId);
            w.WriteString("customerId", customerId);
            w.WriteString("vin", vin);
            w.WriteString("vehicleClass", vehicleClass);
            w.WriteString("ownership", ownership);
            w.WriteString("kind", kind);
        });
    }

    /// <summary>A referred customer signs a contract now; the conversion is reported a little later.</summary>
    private GeneratedEvent Referral(Dealership d)
    {
        var referrer = Customer(d);
        int referee;
        do
        {
            referee = Customer(d);
        }
        while (referee == referrer);

        var contractId = NewContractId(d);
        var referrerId = ServiceNetwork.CustomerId(referrer);
        var code = ReferralCodes.For(referrerId);
        var refereeId = ServiceNetwork.CustomerId(referee);
        Schedule(_clock.AddMinutes(10 + _random.Next(110)), "crm", "referral.converted", d, w =>
        {
            w.WriteString("referralCode", code);
            w.WriteString("referrerCustomerId", referrerId);
            w.WriteString("refereeCustomerId", refereeId);
            w.WriteString("contractId", contractId);
        });
        return Contract(d, referee, _clock, contractId, "new");
    }

    private GeneratedEvent StandaloneComplaint(Dealership d) => Complaint(d, Customer(d), null, _clock);

    private GeneratedEvent Complaint(Dealership d, int customer, string? jobCard, DateTimeOffset at)
    {
        var complaintId = string.Create(CultureInfo.InvariantCulture, $"CMP-{d.Code}-{NextSerial(Serial.Complaint, d):D6}");
        var severity = _draw.WeightedPick(("low", 45), ("medium", 40), ("high", 15));
        var category = _draw.Pick(Vocabulary.ComplaintCategories);
        var channel = _draw.Pick(Vocabulary.ComplaintChannels);
        MaybeResolve(d, $"complaint:{complaintId}", at);
        return Emit("crm", "complaint.logged", at, d, Payloads.Complaint(complaintId, ServiceNetwork.CustomerId(customer), jobCard, severity, category, channel));
    }

    private GeneratedEvent StandaloneNps(Dealership d)
    {
        var surveyId = string.Create(CultureInfo.InvariantCulture, $"SV-{d.Code}-{NextSerial(Serial.Survey, d):D6}");
        var customerId = ServiceNetwork.CustomerId(Customer(d));
        return Emit("survey", "survey.nps.submitted", _clock, d, Payloads.Nps(surveyId, customerId, null, _draw.NpsScore(unhappy: false)));
    }

    private GeneratedEvent? TryReversal()
    {
        // Skip a few candidates at random so that not only the oldest sales get reversed.
        while (_reversible.TryPeek(out var head) && head.Seq <= _emitted - _options.ReversalLag)
        {
            _reversible.Dequeue();
            if (_random.NextDouble() < 0.7)
            {
                continue;
            }

            var reason = _random.NextDouble() < 0.5 ? "invoice cancelled" : "order returned by customer";
            return Emit("dms", "transaction.reversed", _clock, head.Dealership, w =>
            {
                w.WriteString("originalSource", head.Source);
                w.WriteString("originalId", head.Id);
                w.WriteString("reason", reason);
            });
        }

        return null;
    }

    private void MaybeResolve(Dealership d, string incidentId, DateTimeOffset openedAt)
    {
        if (_random.NextDouble() >= 0.85)
        {
            return;
        }

        var resolvedAt = openedAt.AddMinutes(120 + _random.Next(3 * 24 * 60));
        Schedule(resolvedAt, "crm", "incident.resolved", d, Payloads.Resolved(incidentId, resolvedAt, _draw.Pick(Vocabulary.ResolutionNotes)));
    }

    // ---------------------------------------------------------------------------------------------
    // Plumbing

    private void Schedule(DateTimeOffset at, string source, string type, Dealership d, Action<Utf8JsonWriter> data) =>
        ScheduleEvent(at, () => Emit(source, type, at, d, data));

    /// <summary>Schedules an event; it is built (and draws its own serials) when it is due.</summary>
    private void ScheduleEvent(DateTimeOffset at, Func<GeneratedEvent> build) =>
        _scheduled.Enqueue(build, (at.UtcTicks, _order++));

    private GeneratedEvent Emit(string source, string type, DateTimeOffset at, Dealership d, Action<Utf8JsonWriter> data)
    {
        _emitted++;
        _counts[type] = _counts.GetValueOrDefault(type) + 1;
        return new GeneratedEvent
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{_options.RunId}-{_emitted:D9}"),
            Source = source,
            Type = type,
            OccurredAt = at,
            DealershipId = d.Id,
            Data = data,
        };
    }

    private int NextSerial(Serial serial, Dealership d) => ++_serials[(int)serial][d.Index];

    private string NewContractId(Dealership d) =>
        string.Create(CultureInfo.InvariantCulture, $"CT-{d.Code}-{NextSerial(Serial.Contract, d):D6}");

    private int Customer(Dealership d) => _network.PickCustomer(_random, d);
}
