using System.Text.Json;
using System.Text.Json.Nodes;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Versions;

namespace Pitstop.Rules.Tests.Versions;

/// <summary>A sent document is checked as a whole: complete, known settings of their types, in range; a version's leaves the deployment's settings unchanged.</summary>
public class ProgramDocumentTests
{
    private static readonly ProgramOptions Configured = new();

    private static JsonElement Changed(Action<JsonObject> change)
    {
        var document = JsonNode.Parse(ProgramDocument.Write(Configured))!.AsObject();
        change(document);
        return JsonSerializer.SerializeToElement(document);
    }

    private static IReadOnlyList<ProgramFailure> Failures(Action<JsonObject> change) => ProgramDocument.Read(Changed(change)).Failures;

    private static IReadOnlyList<ProgramFailure> DeploymentChanges(Action<JsonObject> change) => ProgramDocument.DeploymentChanges(Changed(change), Configured);

    [Fact]
    public void The_document_the_program_serves_reads_back_as_the_same_program()
    {
        var (program, failures) = ProgramDocument.Read(JsonSerializer.SerializeToElement(JsonNode.Parse(ProgramDocument.Write(Configured))));

        failures.Should().BeEmpty();
        ProgramDocument.Write(program!).Should().Be(ProgramDocument.Write(Configured));
    }

    [Fact]
    public void A_setting_left_out_or_unknown_is_named()
    {
        Failures(p =>
        {
            p["recovery"]!.AsObject().Remove("minorAward");
            p["staffKpi"]!["technicianBonus"] = 5;
        }).Select(f => f.Path).Should().BeEquivalentTo("recovery.minorAward", "staffKpi.technicianBonus");
    }

    [Fact]
    public void A_setting_of_the_wrong_type_or_out_of_range_is_named_by_its_json_path()
    {
        Failures(p => p["staffKpi"]!["supportFirstResponseWithin"] = "two hours").Select(f => f.Path).Should().Equal("staffKpi.supportFirstResponseWithin");
        Failures(p =>
        {
            p["staffKpi"]!["advisorUpsellShare"] = 2;
            p["league"]!["badges"]!["upsell-star"]!["count"] = -1;
        }).Select(f => f.Path).Should().BeEquivalentTo("staffKpi.advisorUpsellShare", "league.badges.upsell-star.count");
    }

    [Fact]
    public void Failures_are_named_below_the_request_field_the_document_came_in()
    {
        var (_, failures) = ProgramDocument.Read(Changed(p =>
        {
            p["recovery"]!["minorAward"] = -5;
            p["customerEarning"]!["scheduledVist"] = 1_000;
        }), "program");

        failures.Select(f => f.Path).Should().Equal("program.customerEarning.scheduledVist");
        ProgramDocument.Read(Changed(p => p["recovery"]!["minorAward"] = -5), "program").Failures.Select(f => f.Path).Should().Equal("program.recovery.minorAward");
        ProgramDocument.Read(Changed(p => p["tiers"]!["goldPoints"] = "many"), "program").Failures.Select(f => f.Path).Should().Equal("program.tiers.goldPoints");
        ProgramDocument.Read(JsonSerializer.SerializeToElement(5), "program").Failures.Select(f => f.Path).Should().Equal("program");
        ProgramDocument.Read(Changed(p => p["timeZone"] = "Mars/Olympus"), "program").Failures.Select(f => f.Path).Should().Equal("program.timeZone");
    }

    [Fact]
    public void A_deployment_setting_cannot_change_and_is_always_the_configuration_s()
    {
        DeploymentChanges(p => p["clockOffset"] = "01:00:00").Select(f => f.Path).Should().Equal("clockOffset");
        DeploymentChanges(p => p["recovery"]!["deliveryPromise"] = "2.00:00:00").Select(f => f.Path).Should().Equal("recovery.deliveryPromise");
        DeploymentChanges(p => p["budgets"]!["threshold"] = 1).Select(f => f.Path).Should().Equal("budgets");

        var stored = ProgramDocument.Write(new ProgramOptions { TimeZone = "Europe/London", Recovery = { DeliveryPromise = TimeSpan.FromDays(2) } });
        var applied = ProgramDocument.Parse(stored, Configured);
        applied.TimeZone.Should().Be("Asia/Kolkata");
        applied.Recovery.DeliveryPromise.Should().Be(TimeSpan.FromHours(24));
    }

    [Fact]
    public void The_sections_the_silos_read_through_the_versions_change_with_a_version()
    {
        DeploymentChanges(p =>
        {
            p["pointsLifetimeMonths"] = 12;
            p["expiryNoticeDays"] = 14;
            p["recovery"]!["minorAward"] = 7_000;
            p["recovery"]!["moderateDelay"] = "06:00:00";
        }).Should().BeEmpty();

        var stored = ProgramDocument.Write(new ProgramOptions { PointsLifetimeMonths = 12, ExpiryNoticeDays = 14, Recovery = { MinorAward = 7_000, ModerateDelay = TimeSpan.FromHours(6) } });
        var applied = ProgramDocument.Parse(stored, Configured);
        applied.PointsLifetimeMonths.Should().Be(12);
        applied.ExpiryNoticeDays.Should().Be(14);
        applied.Recovery.MinorAward.Should().Be(7_000);
        applied.Recovery.ModerateDelay.Should().Be(TimeSpan.FromHours(6));
    }
}
