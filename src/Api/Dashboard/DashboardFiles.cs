namespace Pitstop.Api.Dashboard;

/// <summary>
/// Where the dashboard's files are read from. A published API has them in its own wwwroot, with
/// their gzip and Brotli copies. Run from the build output (<c>dotnet run</c>, the tests) they are
/// where the build left them, the copies under obj/, and only the build's static web assets
/// manifest says so; ASP.NET Core reads that manifest in Development alone. In any other
/// environment <c>MapStaticAssets</c> still chose the gzip copy for a request that accepts it and,
/// not finding the file, answered 200 with an empty body: a white page in every browser.
/// </summary>
public static class DashboardFiles
{
    public static WebApplicationBuilder UseDashboardFiles(this WebApplicationBuilder builder)
    {
        // Development reads the manifest by itself; a published API has none, so this reads nothing there.
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }
}
