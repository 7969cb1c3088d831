using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>An engine whose log records a test can read: message, level and structured properties.</summary>
public sealed class LoggingEngine : EmbeddedEngine
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddLogging(logging => logging.AddProvider(Logs)));
    }
}

/// <summary>Keeps every record logged at Information or above.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(string Category, string Message, IReadOnlyDictionary<string, object?> Properties)> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : [];
            capture.Records.Enqueue((category, formatter(state, exception) + exception, properties));
        }
    }
}

public class LoggingTests : IClassFixture<LoggingEngine>
{
    private readonly LoggingEngine _engine;

    public LoggingTests(LoggingEngine engine) => _engine = engine;

    [Fact]
    public async Task A_rejected_event_is_logged_with_its_id_and_the_credential_name_and_no_key_is_ever_logged()
    {
        var http = _engine.CreateClient();
        var traffic = new Traffic(http, "logging");
        await traffic.RegisterDealershipAsync();
        var bad = traffic.Nps("bad-1", score: 11);
        (await traffic.PostAsync(bad, traffic.Nps("good-1", score: 9))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _engine.CreateClientWithKey("not-a-key-of-this-engine-0123").GetAsync("/api/v1/program")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var rejected = _engine.Logs.Records.Where(r => r.Properties.GetValueOrDefault("EventId") as string == bad["id"]!.GetValue<string>()).ToList();
        rejected.Should().ContainSingle();
        rejected[0].Properties["Credential"].Should().Be("test-admin");
        rejected[0].Properties["Fields"].Should().Be("data.score");
        var everything = string.Join("\n", _engine.Logs.Records.Select(r => r.Message + string.Join(" ", r.Properties.Values)));
        everything.Should().NotContain(TestCredentials.AdminKey).And.NotContain("not-a-key-of-this-engine-0123");
    }
}
