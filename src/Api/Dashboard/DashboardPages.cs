using Microsoft.AspNetCore.Rewrite;

namespace Pitstop.Api.Dashboard;

/// <summary>
/// The dashboard and the kiosk are one single-page app (src/Dashboard, built into wwwroot): its
/// pages are rewritten to index.html before routing, and the app reads the rest of the address.
/// Every other path (/api, /openapi, /docs, /health, /metrics) is untouched.
/// </summary>
public static class DashboardPages
{
    public static WebApplication UseDashboardPages(this WebApplication app)
    {
        app.UseRewriter(new RewriteOptions()
            .AddRewrite("^$", "index.html", skipRemainingRules: true)
            .AddRewrite("^kiosk/[^/]+/?$", "index.html", skipRemainingRules: true));
        return app;
    }
}
