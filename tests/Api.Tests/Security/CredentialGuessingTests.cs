using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace Pitstop.Api.Tests.Security;

/// <summary>
/// An engine of its own that allows few failed authentications per address in a window far longer
/// than the test, so the count, not the clock, decides when an address is refused.
/// </summary>
public sealed class GuessingEngine : EmbeddedEngine
{
    public const int Limit = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:FailedAuthentications:PermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Auth:FailedAuthentications:Window", "01:00:00");
    }

    /// <summary>A client whose requests come from <paramref name="address"/>, sending <paramref name="apiKey"/>.</summary>
    public HttpClient ClientFrom(string address, string apiKey)
    {
        var client = new HttpClient(Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address)))
        {
            BaseAddress = Server.BaseAddress,
        };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class GuessingCollection : ICollectionFixture<GuessingEngine>
{
    public const string Name = "guessing engine";
}

/// <summary>Credential guessing (api.md, bad input): failed authentications are limited per client address.</summary>
[Collection(GuessingCollection.Name)]
public class CredentialGuessingTests(GuessingEngine engine)
{
    private const string Probe = "/api/v1/notifications?after=0&limit=1";

    [Fact]
    public async Task A_burst_of_wrong_keys_from_one_address_gets_429_with_Retry_After_past_the_limit_and_other_addresses_are_not_refused()
    {
        using var throttled = new MeasurementCount("pitstop.authentication.throttled");
        var guesser = Enumerable.Range(0, 600).Select(i => engine.ClientFrom("203.0.113.7", $"guess-{i:D4}-0123456789abcdef")).ToList();

        var answers = new List<HttpResponseMessage>();
        foreach (var client in guesser)
        {
            answers.Add(await client.GetAsync(Probe));
        }

        answers.Take(GuessingEngine.Limit).Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        answers.Skip(GuessingEngine.Limit).Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
        var refused = answers[^1];
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>().Should().Be("/problems/too-many-failed-authentications");
        throttled.Total.Should().Be(600 - GuessingEngine.Limit, "every refusal is counted");
        (await engine.ClientFrom("203.0.113.7", TestCredentials.CxKey).GetAsync(Probe)).StatusCode
            .Should().Be(HttpStatusCode.TooManyRequests, "an address over the limit has no credential checked, so a hit cannot be told from a miss");
        (await engine.ClientFrom("198.51.100.20", TestCredentials.CxKey).GetAsync(Probe)).StatusCode
            .Should().Be(HttpStatusCode.OK, "another address is not refused for the guesser's failures");
    }

    [Fact]
    public async Task A_valid_key_is_never_counted_and_works_after_failures_under_the_limit()
    {
        var client = engine.ClientFrom("198.51.100.30", TestCredentials.CxKey);
        for (var i = 0; i < 4 * GuessingEngine.Limit; i++)
        {
            (await client.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK, $"request {i} of a valid key");
        }

        for (var i = 0; i < GuessingEngine.Limit - 1; i++)
        {
            (await engine.ClientFrom("198.51.100.30", "a-mistyped-key-0123456789").GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await client.GetAsync(Probe)).StatusCode.Should().Be(HttpStatusCode.OK, "the address is still under the limit");
    }

    /// <summary>The sum of one instrument's measurements while this lives, from any engine of the process.</summary>
    private sealed class MeasurementCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public MeasurementCount(string instrument)
        {
            _listener.InstrumentPublished = (found, listener) =>
            {
                if (found.Name == instrument)
                {
                    listener.EnableMeasurementEvents(found);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
