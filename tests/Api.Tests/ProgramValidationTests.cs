using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Pitstop.Api.Tests;

/// <summary>The engine refuses to start with a program document whose nested settings are out of range.</summary>
public class ProgramValidationTests
{
    private sealed class MisconfiguredEngine : EmbeddedEngine
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Program:Recovery:MinorAward", "-5");
        }
    }

    [Fact]
    public void An_engine_with_a_negative_recovery_award_does_not_start_and_names_the_setting()
    {
        using var engine = new MisconfiguredEngine();

        var start = () => engine.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Program:Recovery:MinorAward");
    }
}
