using System.Net;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests.Infrastructure;

/// <summary>
/// The engine in its PostgreSQL mode as separate processes: some silos and API nodes, all on
/// loopback with free ports, sharing one database. Silos can be killed (SIGKILL) and restarted on
/// the same ports, as an operator's supervisor would.
/// </summary>
public sealed class PostgresEngine : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<(int SiloPort, int GatewayPort)> _siloPorts;
    private readonly EngineProcess?[] _silos;
    private readonly int[] _apiPorts;
    private readonly EngineProcess?[] _apis;

    public PostgresEngine(string connectionString, int silos, int apis = 1)
    {
        _connectionString = connectionString;
        _siloPorts = Enumerable.Range(0, silos).Select(_ => (Ports.Free(), Ports.Free())).ToList();
        _silos = new EngineProcess?[silos];
        _apiPorts = [.. Enumerable.Range(0, apis).Select(_ => Ports.Free())];
        _apis = new EngineProcess?[apis];
        ApiNodes = [.. _apiPorts.Select(port =>
        {
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
            return client;
        })];
        Http = ApiNodes[0];
        ScopedCx = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = Http.Timeout };
        ScopedCx.DefaultRequestHeaders.Add("X-Api-Key", CxKey);
    }

    /// <summary>The only dealership <see cref="ScopedCx"/> covers.</summary>
    public const string CxDealership = "DLR-pgscope";

    /// <summary>The admin's client, of the first API node.</summary>
    public HttpClient Http { get; }

    /// <summary>The admin's client of each API node.</summary>
    public IReadOnlyList<HttpClient> ApiNodes { get; }

    /// <summary>A customer-experience desk's client, scoped to <see cref="CxDealership"/>.</summary>
    public HttpClient ScopedCx { get; }

    /// <summary>Settings (environment variables) the silos get on their next start, beside the common ones.</summary>
    public Dictionary<string, string> SiloSettings { get; } = [];

    /// <summary>Settings (environment variables) the API nodes get on their next start, beside the common ones.</summary>
    public Dictionary<string, string> ApiSettings { get; } = [];

    public async Task StartAsync()
    {
        for (var i = 0; i < _silos.Length; i++)
        {
            StartSilo(i);
        }

        for (var i = 0; i < _apis.Length; i++)
        {
            StartApi(i);
        }

        for (var i = 0; i < _apis.Length; i++)
        {
            await WaitUntilReadyAsync(ApiNodes[i], _apis[i]!);
        }
    }

    public void KillSilo(int index) => _silos[index]?.Kill();

    public void KillApi(int index) => _apis[index]?.Kill();

    /// <summary>Each API node's address, for a balancer in front of them.</summary>
    public IReadOnlyList<string> ApiAddresses => [.. _apiPorts.Select(port => $"127.0.0.1:{port}")];

    /// <summary>The silo-to-silo port of a silo, as the cluster's membership table records it.</summary>
    public int SiloPort(int index) => _siloPorts[index].SiloPort;

    public string ClusterId => _clusterId;

    /// <summary>Stops a silo gracefully (SIGTERM) and waits until it has exited.</summary>
    public Task StopSiloAsync(int index, TimeSpan timeout) => _silos[index]!.TerminateAsync(timeout);

    /// <summary>Stops an API node gracefully (SIGTERM) and waits until it has exited.</summary>
    public Task StopApiAsync(int index, TimeSpan timeout) => _apis[index]!.TerminateAsync(timeout);

    /// <summary>Starts an API node again on its port and waits until it is ready.</summary>
    public async Task RestartApiAsync(int index)
    {
        StartApi(index);
        await WaitUntilReadyAsync(ApiNodes[index], _apis[index]!);
    }

    private void StartApi(int index)
    {
        var settings = new Dictionary<string, string>(Common()) { ["Urls"] = $"http://127.0.0.1:{_apiPorts[index]}" };
        foreach (var (key, value) in ApiSettings)
        {
            settings[key] = value;
        }

        _apis[index] = EngineProcess.Start(index == 0 ? "api" : $"api{index}", "Api", settings);
    }

    public void StartSilo(int index)
    {
        var settings = new Dictionary<string, string>(Common())
        {
            ["Orleans__SiloPort"] = _siloPorts[index].SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = _siloPorts[index].GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in SiloSettings)
        {
            settings[key] = value;
        }

        _silos[index] = EngineProcess.Start($"silo{index}", "Silo", settings);
    }

    /// <summary>Stops every process (SIGKILL) and starts them again: nothing survives but the database.</summary>
    public async Task RestartAllAsync()
    {
        await StopAllAsync();
        await StartAsync();
    }

    /// <summary>Polls like <see cref="Eventually.HoldsAsync"/>; a failure shows the processes' last output.</summary>
    public Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout) =>
        Eventually.HoldsAsync(read, condition, timeout, () => Logs);

    public string Logs => string.Join(
        "\n",
        _silos.Concat(_apis).OfType<EngineProcess>().Select(p => $"===== {p.Name} =====\n{p.Output[Math.Max(0, p.Output.Length - 4_000)..]}"));

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        foreach (var node in ApiNodes)
        {
            node.Dispose();
        }

        ScopedCx.Dispose();
    }

    private async Task StopAllAsync()
    {
        foreach (var process in _silos.Concat(_apis).OfType<EngineProcess>())
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>The admin credential the tests' client sends; made per engine, never shipped.</summary>
    private static readonly string AdminKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private static readonly string CxKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private Dictionary<string, string> Common() => new()
    {
        ["ConnectionStrings__Orleans"] = _connectionString,
        ["Auth__ApiKeys__0__Name"] = "postgres-tests",
        ["Auth__ApiKeys__0__Role"] = "admin",
        ["Auth__ApiKeys__0__Key"] = AdminKey,
        ["Auth__ApiKeys__1__Name"] = "postgres-tests-cx",
        ["Auth__ApiKeys__1__Role"] = "cx",
        ["Auth__ApiKeys__1__Key"] = CxKey,
        ["Auth__ApiKeys__1__Dealerships__0"] = CxDealership,
        ["Orleans__ClusterId"] = _clusterId,
    };

    private async Task WaitUntilReadyAsync(HttpClient node, EngineProcess api)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await node.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (api.HasExited)
            {
                break;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException("The engine did not become ready.\n" + Logs);
    }
}
