using Microsoft.AspNetCore.Hosting;

namespace Pitstop.Api.Tests.Webhooks;

/// <summary>
/// An engine whose webhooks may send to loopback (the admin setting Webhooks:AllowPrivateNetworks),
/// where the tests' receivers listen, and look at the feed often so the tests wait little.
/// </summary>
public sealed class WebhookEngine : EmbeddedEngine
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:AllowPrivateNetworks", "true");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.100");
    }
}

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookEngine>
{
    public const string Name = "webhook engine";
}
