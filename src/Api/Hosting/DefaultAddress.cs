namespace Pitstop.Api.Hosting;

/// <summary>
/// The API's address when the operator names none: http://localhost:5080, the README's. ASP.NET
/// Core's own ways to name one all win, as in any app: <c>ASPNETCORE_URLS</c>, <c>--urls</c>,
/// <c>Urls</c>, <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>, Kestrel's endpoints. (Pinned in
/// appsettings.json, the address hid the environment variable; set as the launch profile's
/// applicationUrl, it replaced the variable under <c>dotnet run</c>.)
/// </summary>
public static class DefaultAddress
{
    public const string Url = "http://localhost:5080";

    public static WebApplicationBuilder UseDefaultAddress(this WebApplicationBuilder builder)
    {
        if (Applies(builder.Configuration))
        {
            builder.WebHost.UseUrls(Url);
        }

        return builder;
    }

    /// <summary>Whether no address is configured (the keys every ASP.NET Core host reads).</summary>
    public static bool Applies(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        && string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        && string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
        && !configuration.GetSection("Kestrel:Endpoints").Exists();
}
