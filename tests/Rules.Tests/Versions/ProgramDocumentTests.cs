using System.Text.Json;
using System.Text.Json.Nodes;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Versions;

namespace Pitstop.Rules.Tests.Versions;

/// <summary>A version's document is checked as a whole: complete, known settings of their types, in range, the deployment's settings unchanged.</summary>
public class ProgramDocumentTests
{
    private static readonly ProgramOptions Configured = new();

    private static IReadOnlyList<ProgramFailure> Failures(Action<JsonObject> change)
    {
        var document = JsonNode.Parse(ProgramDocument.Write(Configured))!.AsObject();
        change(document);
        return ProgramDocument.Read(JsonSerializer.SerializeToElement(document), Configured).Failures;
    }

    [Fact]
    public void The_document_the_program_serves_reads_back_as_the_same_program()
    {
        var (program, failures) = ProgramDocument.Read(JsonSerializer.SerializeToElement(JsonNode.Parse(ProgramDocument.Write(Configured))), Configured);

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
    public void A_deployment_setting_cannot_change_and_is_always_the_configuration_s()
    {
        Failures(p => p["clockOffset"] = "01:00:00").Select(f => f.Path).Should().Equal("clockOffset");
        Failures(p => p["recovery"]!["minorAward"] = 1).Select(f => f.Path).Should().Equal("recovery");

        var stored = ProgramDocument.Write(new ProgramOptions { TimeZone = "Europe/London", PointsLifetimeMonths = 6 });
        var applied = ProgramDocument.Parse(stored, Configured);
        applied.TimeZone.Should().Be("Asia/Kolkata");
        applied.PointsLifetimeMonths.Should().Be(24);
    }
}
