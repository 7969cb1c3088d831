using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pitstop.Grains.Configuration;
using Pitstop.Testing;

namespace Pitstop.Api.Tests;

/// <summary>
/// The API with its embedded silo, started once for all HTTP tests (a silo takes seconds to start).
/// Tests keep out of each other's way by using their own dealership, customer and staff ids.
/// </summary>
public class EmbeddedEngine : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Free ports, so the suite runs beside a developer's own embedded engine.
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseEnvironment("Development");
        foreach (var (key, value) in TestCredentials.Settings())
        {
            builder.UseSetting(key, value);
        }

        // The tests of one engine share one client address, and some present wrong credentials on
        // purpose: only GuessingEngine's tests are about the limit on failed authentications.
        builder.UseSetting("Auth:FailedAuthentications:PermitLimit", "1000000");

        // Tests read what they have just written: league queries pull from the boards every time
        // (LeaderboardReplicaTests run the default age on an engine of their own).
        builder.UseSetting("Api:League:ReplicaMaxAge", "00:00:00");
    }

    /// <summary>Clients are the admin unless a test says otherwise (<see cref="TestCredentials"/>).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", TestCredentials.AdminKey);
    }

    /// <summary>A client with no credential at all.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        return client;
    }

    /// <summary>A client that sends <paramref name="apiKey"/> as its API key.</summary>
    public HttpClient CreateClientWithKey(string apiKey)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// An embedded engine whose program time a test moves by hand (expiry, month ends), in its own
/// collection: moving time two years ahead must not surprise the tests that share the other engine.
/// </summary>
public class TimeTravelEngine : EmbeddedEngine
{
    public TimeTravelEngine()
        : this(DateTimeOffset.UtcNow)
    {
    }

    protected TimeTravelEngine(DateTimeOffset start) => Clock = new(start);

    public ManualClock Clock { get; }

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new ProgramClock(Clock)));
    }
}

[CollectionDefinition(Name)]
public sealed class TimeTravelCollection : ICollectionFixture<TimeTravelEngine>
{
    public const string Name = "time-travel engine";
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EmbeddedEngine>
{
    public const string Name = "embedded engine";
}

/// <summary>
/// A time-travel engine of its own for service recovery: its tests move program time by days and
/// weeks (SLA, follow-ups) while the other engines' tests run.
/// </summary>
public sealed class RecoveryEngine : TimeTravelEngine
{
}

[CollectionDefinition(Name)]
public sealed class RecoveryCollection : ICollectionFixture<RecoveryEngine>
{
    public const string Name = "recovery engine";
}

/// <summary>
/// The recovery tests that move program time (SLA, follow-ups) share this engine, so that the
/// others keep a clock that matches the times their events carry.
/// </summary>
public sealed class RecoveryTimeEngine : TimeTravelEngine
{
}

[CollectionDefinition(Name)]
public sealed class RecoveryTimeCollection : ICollectionFixture<RecoveryTimeEngine>
{
    public const string Name = "recovery time engine";
}

/// <summary>
/// The league's engine: its national boards hold only the league tests' members, its month can be
/// moved, and it runs a challenge of its own (4 on-time deliveries in a month: +300).
/// </summary>
public sealed class LeagueEngine : TimeTravelEngine
{
    public const string Challenge = "on-time-4";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"Program:League:Challenges:{Challenge}:Name", "Four on-time deliveries this month");
        builder.UseSetting($"Program:League:Challenges:{Challenge}:Metric", "OnTime");
        builder.UseSetting($"Program:League:Challenges:{Challenge}:Count", "4");
        builder.UseSetting($"Program:League:Challenges:{Challenge}:Bonus", "300");
    }
}

[CollectionDefinition(Name)]
public sealed class LeagueCollection : ICollectionFixture<LeagueEngine>
{
    public const string Name = "league engine";
}

/// <summary>
/// The challenge tests' engine: no configured challenge (admins create them through the API on the
/// running engine), a clock the tests move across a challenge's first day and its close.
/// </summary>
public sealed class ChallengeEngine : TimeTravelEngine
{
    private static readonly TimeSpan India = TimeSpan.FromHours(5.5);

    public ChallengeEngine()
        : base(AwayFromMidnight(DateTimeOffset.UtcNow))
    {
    }

    /// <summary>
    /// Program time at least an hour into the program's day: the tests put events minutes before
    /// "now" into challenges that start "today", which, run just after midnight in India, would be
    /// yesterday. Earlier than real time, never later, so intake takes the events.
    /// </summary>
    private static DateTimeOffset AwayFromMidnight(DateTimeOffset now)
    {
        var intoTheDay = now.ToOffset(India).TimeOfDay;
        return intoTheDay < TimeSpan.FromHours(1) ? now - intoTheDay - TimeSpan.FromMinutes(90) : now;
    }
}

[CollectionDefinition(Name)]
public sealed class ChallengeCollection : ICollectionFixture<ChallengeEngine>
{
    public const string Name = "challenge engine";
}

/// <summary>The loyalty tests that move program time a year and more (tier reviews), on an engine of their own.</summary>
public sealed class LoyaltyTimeEngine : TimeTravelEngine
{
}

[CollectionDefinition(Name)]
public sealed class LoyaltyTimeCollection : ICollectionFixture<LoyaltyTimeEngine>
{
    public const string Name = "loyalty time engine";
}
