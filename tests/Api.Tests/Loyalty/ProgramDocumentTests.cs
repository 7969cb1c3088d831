using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Loyalty;

/// <summary><c>GET /api/v1/program</c>: the program in force, read-only, every number a setting.</summary>
[Collection(EngineCollection.Name)]
public class ProgramDocumentTests(EmbeddedEngine engine)
{
    [Fact]
    public async Task The_program_in_force_shows_the_numbers_of_program_md()
    {
        var program = await engine.CreateClient().GetObjectAsync("/api/v1/program");

        var earning = program["customerEarning"]!;
        earning["scheduledVisit"]!.GetValue<int>().Should().Be(500);
        earning["accessoryShare"]!.GetValue<decimal>().Should().Be(0.05m);
        earning["upsellShare"]!.GetValue<decimal>().Should().Be(0.03m);
        earning["newContract"]!["performance"]!.GetValue<int>().Should().Be(40_000);
        earning["renewal"]!["entry"]!.GetValue<int>().Should().Be(5_000);
        earning["longTermLoyaltyBonus"]!.GetValue<decimal>().Should().Be(0.10m);
        program["tiers"]!["goldPoints"]!.GetValue<long>().Should().Be(50_000);
        program["tiers"]!["platinumPoints"]!.GetValue<long>().Should().Be(150_000);
        program["budgets"]!["threshold"]!.GetValue<long>().Should().Be(100_000);
        program["recovery"]!["majorAward"]!.GetValue<long>().Should().Be(30_000);
        program["staffKpi"]!["technicianFirstTimeFix"]!.GetValue<int>().Should().Be(80);
        program["pointsLifetimeMonths"]!.GetValue<int>().Should().Be(24);
        program["timeZone"]!.GetValue<string>().Should().Be("Asia/Kolkata");
    }

    [Fact]
    public async Task The_program_needs_a_credential_and_only_an_admin_stores_a_version()
    {
        (await engine.CreateAnonymousClient().GetAsync("/api/v1/program")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = () => new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        (await engine.CreateClientWithKey(TestCredentials.WorkshopManagerKey).PutAsync("/api/v1/program", body())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // The shared engine keeps its program: an admin's empty version is refused.
        (await engine.CreateClient().PutAsync("/api/v1/program", body())).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

/// <summary>An engine started with a program of its own: the document shows the settings the silo runs.</summary>
public sealed class ConfiguredProgramEngine : EmbeddedEngine
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Program:CustomerEarning:AccessoryShare", "0.07");
        builder.UseSetting("Program:Tiers:GoldPoints", "40000");
    }
}

public class ConfiguredProgramTests : IClassFixture<ConfiguredProgramEngine>
{
    private readonly ConfiguredProgramEngine _engine;

    public ConfiguredProgramTests(ConfiguredProgramEngine engine) => _engine = engine;

    [Fact]
    public async Task The_document_and_the_earning_follow_the_configuration()
    {
        var http = _engine.CreateClient();
        var program = await http.GetObjectAsync("/api/v1/program");
        program["customerEarning"]!["accessoryShare"]!.GetValue<decimal>().Should().Be(0.07m);
        program["tiers"]!["goldPoints"]!.GetValue<long>().Should().Be(40_000);

        var traffic = new Traffic(http, "cfgprogram");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(100_000);
        (await traffic.PostAsync(traffic.Accessory("a1", 10_000m))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await http.CustomerAfterAsync(traffic, 1)).Available().Should().Be(700);
    }
}
