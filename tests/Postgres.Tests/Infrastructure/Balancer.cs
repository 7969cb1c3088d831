using System.Diagnostics;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests.Infrastructure;

/// <summary>
/// HAProxy in front of API nodes, as scripts/balancer.sh runs it for the local cluster (installed
/// on first use), on a free loopback port; removed on dispose.
/// </summary>
public sealed class Balancer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pitstop-balancer-").FullName;

    private Balancer(int port) => Address = new Uri($"http://127.0.0.1:{port}");

    public Uri Address { get; }

    public static async Task<Balancer> StartAsync(IReadOnlyList<string> nodes)
    {
        var balancer = new Balancer(Ports.Free());
        await ScriptAsync(["start", balancer._directory, balancer.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. nodes]);
        return balancer;
    }

    public async ValueTask DisposeAsync() => await ScriptAsync(["stop", _directory]);

    private static async Task ScriptAsync(string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "balancer.sh"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/balancer.sh {args[0]} failed: {await output}{await errors}");
        }
    }
}
