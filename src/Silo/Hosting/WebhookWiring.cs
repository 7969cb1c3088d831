using Microsoft.Extensions.DependencyInjection;
using Pitstop.Grains.Webhooks;

namespace Pitstop.Silo.Hosting;

internal static class WebhookWiring
{
    /// <summary>The settings (section Webhooks, checked at start) and the one client that delivers webhooks from this silo.</summary>
    public static ISiloBuilder AddPitstopWebhooks(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddSingleton<WebhookSender>();
        return silo;
    }
}
