using Orleans.Dashboard;
using Pitstop.Api.Security;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The Orleans Dashboard (silos, grains, calls, reminders, live log) for operators: admins only,
/// since it shows every grain's identity and the cluster's log.
/// </summary>
public static class OrleansDashboardEndpoints
{
    public const string Path = "/orleans";

    public static WebApplication MapOrleansDashboardForAdmins(this WebApplication app)
    {
        app.MapOrleansDashboard(Path).RequireAuthorization(Policies.Admin);
        return app;
    }
}
