using Microsoft.Extensions.Configuration;
using Pitstop.Api.Hosting;

namespace Pitstop.Api.Tests.Hosting;

/// <summary>The README's address is the API's only when the operator names none, in any of ASP.NET Core's ways.</summary>
public class DefaultAddressTests
{
    [Fact]
    public void With_no_address_configured_the_api_takes_the_readmes() =>
        DefaultAddress.Applies(Configuration([])).Should().BeTrue();

    [Theory]
    [InlineData("urls", "http://127.0.0.1:6000")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:6000")]
    public void An_address_the_operator_names_wins(string key, string value) =>
        DefaultAddress.Applies(Configuration(new() { [key] = value })).Should().BeFalse();

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
