using System.Text.Json.Nodes;
using Pitstop.Api.Intake;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Rules.Tests.Intake;

public class EventParserTests
{
    private readonly EventParser _parser = new(new FixedClock(EventJson.Now));

    // The payload examples of events.md, verbatim.
    public static TheoryData<string, string> ContractExamples() => new()
    {
        { "service.visit.opened", """{ "jobCardId": "JC-118-2026-004512", "customerId": "C-0042117", "vin": "W1K2060421F000001", "advisorId": "S-118-A07", "technicianIds": ["S-118-T21"], "promisedAt": "2026-11-20T17:00:00+05:30" }""" },
        { "service.visit.completed", """{ "jobCardId": "JC-118-2026-004512", "customerId": "C-0042117", "vin": "W1K2060421F000001", "vehicleClass": "mid", "visitKind": "scheduled", "advisorId": "S-118-A07", "technicianIds": ["S-118-T21", "S-118-T09"], "promisedAt": "2026-11-20T17:00:00+05:30", "deliveredAt": "2026-11-20T19:40:00+05:30", "firstTimeFix": true, "repeatRepair": false, "jobCardAccurate": true, "invoiceAmount": 18500.00 }""" },
        { "quality.defect.reported", """{ "jobCardId": "JC-118-2026-004512", "customerId": "C-0042117", "defect": "electrical", "description": "infotainment reboots", "technicianIds": ["S-118-T21"] }""" },
        { "complaint.logged", """{ "complaintId": "CMP-2026-88123", "customerId": "C-0042117", "jobCardId": "JC-118-2026-004512", "severity": "high", "category": "communication", "channel": "call-centre" }""" },
        { "incident.resolved", """{ "incidentId": "complaint:CMP-2026-88123", "resolvedAt": "2026-11-22T11:00:00+05:30", "note": "part replaced, loaner provided" }""" },
        { "survey.csat.submitted", """{ "surveyId": "SV-55120", "jobCardId": "JC-118-2026-004512", "customerId": "C-0042117", "advisorId": "S-118-A07", "technicianIds": ["S-118-T21"], "score": 5, "verified": true }""" },
        { "survey.nps.submitted", """{ "surveyId": "SV-55121", "customerId": "C-0042117", "jobCardId": "JC-118-2026-004512", "advisorId": "S-118-A07", "score": 9 }""" },
        { "sale.accessory.completed", """{ "orderId": "ACC-118-7781", "customerId": "C-0042117", "advisorId": "S-118-A07", "amount": 42000.00 }""" },
        { "sale.upsell.completed", """{ "orderId": "UPS-118-1190", "customerId": "C-0042117", "advisorId": "S-118-A07", "product": "extended_warranty", "amount": 35000.00 }""" },
        { "contract.signed", """{ "contractId": "CT-2026-001889", "customerId": "C-0042117", "vin": "W1K2060421F000001", "vehicleClass": "performance", "ownership": "lease", "kind": "new" }""" },
        // Except the referral code: events.md's "REF-C0042117-7Q" predates codes issued by the engine, which intake checks.
        { "referral.converted", $$"""{ "referralCode": "{{ReferralCodes.For("C-0042117")}}", "referrerCustomerId": "C-0042117", "refereeCustomerId": "C-0099310", "contractId": "CT-2026-001902" }""" },
        { "support.case.closed", """{ "caseId": "CS-77120", "agentId": "S-118-C03", "customerId": "C-0042117", "openedAt": "2026-11-20T09:00:00+05:30", "firstResponseAt": "2026-11-20T09:40:00+05:30", "closedAt": "2026-11-20T15:00:00+05:30", "slaHours": 8, "notesComplete": true }""" },
        { "transaction.reversed", """{ "originalSource": "dms", "originalId": "evt-000123", "reason": "invoice cancelled" }""" },
    };

    [Theory]
    [MemberData(nameof(ContractExamples))]
    public void Every_example_of_the_contract_is_accepted(string type, string data)
    {
        // Sent once the last time an example names (resolvedAt 2026-11-22 11:00) has passed.
        var parsed = new EventParser(new FixedClock(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.FromHours(5.5)))).Parse(EventJson.Envelope(type, JsonNode.Parse(data)!.AsObject()).ToElement());

        parsed.Errors.ToDictionary().Should().BeEmpty();
        parsed.Event!.Data.Type.Should().Be(type);
        parsed.Event.Key.Should().Be(new EventKey("dms", "evt-1"));
    }

    [Fact]
    public void Every_event_type_of_the_contract_has_an_example_here() =>
        ContractExamples().Select(row => (string)row[0]).Should().BeEquivalentTo(EventParser.KnownTypes);

    [Fact]
    public void A_visit_is_read_into_typed_fields()
    {
        var visit = (VisitCompleted)_parser.Parse(EventJson.VisitCompleted().ToElement()).Event!.Data;

        visit.VehicleClass.Should().Be(VehicleClass.Mid);
        visit.VisitKind.Should().Be(VisitKind.Scheduled);
        visit.TechnicianIds.Should().Equal("S-118-T21", "S-118-T09");
        visit.DeliveredOnTime.Should().BeFalse("delivered 19:40, promised 17:00");
        visit.InvoiceAmount.Should().Be(18500m);
    }

    [Theory]
    [InlineData("id", "", "id")]
    [InlineData("id", "has space", "id")]
    [InlineData("source", "DMS", "source")]
    [InlineData("source", "a-source-name-longer-than-thirty-two", "source")]
    [InlineData("type", "service.visit.teleported", "type")]
    [InlineData("occurredAt", "2026-11-21 09:00:00", "occurredAt")]
    [InlineData("occurredAt", "2026-11-21T09:00:00", "occurredAt")]
    [InlineData("occurredAt", "2026-11-21T10:06:00+05:30", "occurredAt")]
    [InlineData("occurredAt", "2025-10-01T09:00:00+05:30", "occurredAt")]
    [InlineData("dealershipId", "DLR/KA", "dealershipId")]
    public void A_bad_envelope_field_is_named_in_the_errors(string field, string value, string expectedField)
    {
        var json = EventJson.VisitCompleted();
        json[field] = value;

        var parsed = _parser.Parse(json.ToElement());

        parsed.Event.Should().BeNull();
        parsed.Errors.ToDictionary().Should().ContainKey(expectedField);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("type")]
    [InlineData("occurredAt")]
    [InlineData("dealershipId")]
    public void A_missing_envelope_field_is_required(string field)
    {
        var json = EventJson.VisitCompleted();
        json.Remove(field);

        _parser.Parse(json.ToElement()).Errors.ToDictionary()[field].Should().Contain("is required");
    }

    [Fact]
    public void Missing_data_is_rejected() =>
        _parser.Parse(EventJson.Envelope("service.visit.completed", []).ToElement()).Errors.ToDictionary()
            .Should().ContainKeys("data.jobCardId", "data.customerId", "data.vehicleClass", "data.firstTimeFix", "data.invoiceAmount");

    [Theory]
    [InlineData("vehicleClass", "\"luxury\"")]
    [InlineData("visitKind", "\"spa-day\"")]
    [InlineData("technicianIds", "\"S-1\"")]
    [InlineData("firstTimeFix", "\"yes\"")]
    [InlineData("invoiceAmount", "-1")]
    [InlineData("invoiceAmount", "10.005")]
    [InlineData("invoiceAmount", "\"18500\"")]
    [InlineData("promisedAt", "17")]
    [InlineData("customerId", "{\"nested\": true}")]
    [InlineData("technicianIds", "[\"T-1\",\"T-2\",\"T-3\",\"T-4\",\"T-5\",\"T-6\",\"T-7\",\"T-8\",\"T-9\",\"T-10\",\"T-11\",\"T-12\",\"T-13\"]")]
    public void A_bad_payload_field_is_named_with_its_path(string field, string json)
    {
        var evt = EventJson.VisitCompleted();
        evt["data"]![field] = JsonNode.Parse(json);

        _parser.Parse(evt.ToElement()).Errors.ToDictionary().Should().ContainKey($"data.{field}");
    }

    [Fact]
    public void A_bad_technician_id_is_named_by_its_index()
    {
        var evt = EventJson.VisitCompleted();
        evt["data"]!["technicianIds"] = new JsonArray("S-1", "bad id");

        _parser.Parse(evt.ToElement()).Errors.ToDictionary().Should().ContainKey("data.technicianIds[1]");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void An_nps_score_outside_0_to_10_is_rejected(int score)
    {
        var evt = EventJson.Envelope("survey.nps.submitted", new JsonObject { ["surveyId"] = "SV-1", ["customerId"] = "C-1", ["score"] = score });

        _parser.Parse(evt.ToElement()).Errors.ToDictionary()["data.score"].Should().ContainSingle();
    }

    [Fact]
    public void A_fractional_csat_score_is_rejected()
    {
        var evt = EventJson.Envelope("survey.csat.submitted", new JsonObject
        {
            ["surveyId"] = "SV-1", ["jobCardId"] = "JC-1", ["customerId"] = "C-1", ["score"] = 4.5,
        });

        _parser.Parse(evt.ToElement()).Errors.ToDictionary().Should().ContainKey("data.score");
    }

    [Fact]
    public void A_self_referral_is_rejected_at_intake()
    {
        var evt = EventJson.Envelope("referral.converted", new JsonObject
        {
            ["referralCode"] = ReferralCodes.For("C-1"), ["referrerCustomerId"] = "C-1", ["refereeCustomerId"] = "C-1", ["contractId"] = "CT-1",
        });

        _parser.Parse(evt.ToElement()).Errors.ToDictionary().Should().ContainKey("data.refereeCustomerId");
    }

    // C-1's code is accepted in any case (a code retyped by hand); another customer's code or a made-up one is not.
    public static TheoryData<string, bool> CodesOfReferrerC1() => new()
    {
        { ReferralCodes.For("C-1"), true },
        { ReferralCodes.For("C-1").ToLowerInvariant(), true },
        { ReferralCodes.For("C-2"), false },
        { "REF-C1", false },
    };

    [Theory]
    [MemberData(nameof(CodesOfReferrerC1))]
    public void A_conversion_must_carry_the_referrers_code(string code, bool valid)
    {
        var evt = EventJson.Envelope("referral.converted", new JsonObject
        {
            ["referralCode"] = code, ["referrerCustomerId"] = "C-1", ["refereeCustomerId"] = "C-2", ["contractId"] = "CT-1",
        });

        var errors = _parser.Parse(evt.ToElement()).Errors.ToDictionary();

        errors.Keys.Should().Equal(valid ? [] : ["data.referralCode"]);
    }

    [Fact]
    public void A_referral_code_is_short_unambiguous_and_the_same_on_every_node()
    {
        // Pinned: a code already handed to a customer must stay valid across releases and nodes.
        ReferralCodes.For("C-1").Should().Be("REF-2CGCPVKF");
        ReferralCodes.For("C-0042117").Should().MatchRegex(@"\AREF-[0-9A-HJKMNP-TV-Z]{8}\z");
        ReferralCodes.For("C-1").Should().NotBe(ReferralCodes.For("C1"));
    }

    [Theory]
    [InlineData("complaint:CMP-1", true)]
    [InlineData("delay:JC-1", true)]
    [InlineData("defect:JC-1", true)]
    [InlineData("outage:JC-1", false)]
    [InlineData("JC-1", false)]
    public void An_incident_id_must_be_derived(string incidentId, bool valid)
    {
        var evt = EventJson.Envelope("incident.resolved", new JsonObject { ["incidentId"] = incidentId, ["resolvedAt"] = "2026-11-21T08:00:00+05:30" });

        _parser.Parse(evt.ToElement()).Event.Should().Match(e => valid ? e != null : e == null);
    }

    [Fact]
    public void A_support_case_closed_before_it_opened_is_rejected()
    {
        var evt = EventJson.Envelope("support.case.closed", new JsonObject
        {
            ["caseId"] = "CS-1", ["agentId"] = "S-C1", ["openedAt"] = "2026-11-20T09:00:00+05:30",
            ["firstResponseAt"] = "2026-11-20T08:00:00+05:30", ["closedAt"] = "2026-11-20T08:30:00+05:30",
            ["slaHours"] = 8, ["notesComplete"] = true,
        });

        _parser.Parse(evt.ToElement()).Errors.ToDictionary().Should().ContainKeys("data.firstResponseAt", "data.closedAt");
    }

    [Fact]
    public void Unknown_extra_fields_are_ignored()
    {
        var evt = EventJson.VisitCompleted();
        evt["extra"] = "ignored";
        evt["data"]!["mileage"] = 42_000;

        _parser.Parse(evt.ToElement()).Event.Should().NotBeNull();
    }

    [Fact]
    public void An_event_that_is_not_an_object_is_rejected() =>
        _parser.Parse(JsonNode.Parse("[1,2]")!.ToElement()).Errors.ToDictionary().Should().ContainKey("event");

    [Fact]
    public void The_id_of_a_rejected_event_is_reported_when_readable()
    {
        var evt = EventJson.VisitCompleted();
        evt.Remove("type");

        _parser.Parse(evt.ToElement()).Id.Should().Be("evt-1");
    }

    // EventJson.Now is 2026-11-21T10:00:00+05:30.
    [Theory]
    [InlineData("service.visit.completed", "invoiceAmount", "100000000.01")]
    [InlineData("sale.accessory.completed", "amount", "1.85e20")]
    [InlineData("sale.upsell.completed", "amount", "4.6e20")]
    [InlineData("service.visit.opened", "promisedAt", "\"9999-12-31T23:59:59Z\"")]
    [InlineData("service.visit.opened", "promisedAt", "\"2027-02-19T10:00:01+05:30\"")]
    [InlineData("service.visit.opened", "promisedAt", "\"2025-10-17T09:59:59+05:30\"")]
    [InlineData("service.visit.completed", "promisedAt", "\"9999-12-31T23:59:59Z\"")]
    [InlineData("service.visit.completed", "deliveredAt", "\"9999-12-31T23:59:59Z\"")]
    [InlineData("service.visit.completed", "deliveredAt", "\"2026-11-21T10:05:01+05:30\"")]
    [InlineData("service.visit.completed", "deliveredAt", "\"0001-01-01T00:00:00Z\"")]
    [InlineData("incident.resolved", "resolvedAt", "\"9999-12-31T23:59:59Z\"")]
    [InlineData("incident.resolved", "resolvedAt", "\"2025-10-01T09:00:00+05:30\"")]
    [InlineData("support.case.closed", "openedAt", "\"0001-01-01T00:00:00Z\"")]
    [InlineData("support.case.closed", "firstResponseAt", "\"9999-12-31T23:59:59Z\"")]
    [InlineData("support.case.closed", "closedAt", "\"9999-12-31T23:59:59Z\"")]
    public void A_value_beyond_the_contract_limits_is_rejected_naming_its_field(string type, string field, string value)
    {
        var parsed = _parser.Parse(ExampleWith(type, field, value));

        parsed.Event.Should().BeNull();
        parsed.Errors.ToDictionary().Should().ContainKey($"data.{field}");
    }

    [Theory]
    [InlineData("service.visit.completed", "invoiceAmount", "100000000.00")]
    [InlineData("sale.accessory.completed", "amount", "0")]
    [InlineData("service.visit.opened", "promisedAt", "\"2027-02-19T10:00:00+05:30\"")]
    [InlineData("service.visit.completed", "deliveredAt", "\"2026-11-21T10:05:00+05:30\"")]
    [InlineData("incident.resolved", "resolvedAt", "\"2025-10-17T10:00:00+05:30\"")]
    public void A_value_at_the_contract_limits_is_accepted(string type, string field, string value) =>
        _parser.Parse(ExampleWith(type, field, value)).Errors.ToDictionary().Should().BeEmpty();

    private static System.Text.Json.JsonElement ExampleWith(string type, string field, string value)
    {
        var data = JsonNode.Parse(ContractExamples().Single(row => (string)row[0] == type)[1].ToString()!)!.AsObject();
        data[field] = JsonNode.Parse(value);
        return EventJson.Envelope(type, data).ToElement();
    }
}
