using Orleans.Dashboard;
using Pitstop.Api.Security;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The Orleans Dashboard (silos, grains, calls, reminders, live log) for operators: admins only,
/// since it shows every grain's identity and the cluster's log. Left out of the OpenAPI document:
/// its routes are the dashboard page's own files and feeds, not part of the API a client is built for.
/// </summary>
public static class OrleansDashboardEndpoints
{
    public const string Path = "/orleans";

    public static WebApplication MapOrleansDashboardForAdmins(this WebApplication app)
    {
        app.MapOrleansDashboard(Path).RequireAuthorization(Policies.Admin).ExcludeFromDescription();
        return app;
    }
}
