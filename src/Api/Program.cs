using Npgsql;
using OpenTelemetry.Metrics;
using Pitstop.Api.Dashboard;
using Pitstop.Api.Endpoints;
using Pitstop.Api.Hosting;
using Pitstop.Api.Import;
using Pitstop.Api.Intake;
using Pitstop.Api.League;
using Pitstop.Api.Live;
using Pitstop.Api.OpenApi;
using Pitstop.Api.Security;
using Pitstop.Api.Simulation;
using Pitstop.Grains.Webhooks;
using Pitstop.Silo.Hosting;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultAddress();
builder.UseDashboardFiles();

// Embedded (no connection string): this process is the whole engine. Otherwise: a client of the cluster.
var cluster = ClusterSettings.From(builder.Configuration);
if (cluster.IsEmbedded)
{
    builder.AddPitstopSilo();
    builder.Services.AddSingleton<InMemoryEventKeyStore>();
    builder.Services.AddSingleton<IEventKeyStore>(services => services.GetRequiredService<InMemoryEventKeyStore>());
    builder.Services.AddSingleton<EventPublisher>();
    builder.Services.AddSingleton<IEventAcceptance, MemoryEventAcceptance>();
}
else
{
    builder.AddPitstopClient();
    builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(cluster.Postgres));
    builder.Services.AddSingleton<IEventKeyStore, PostgresEventKeyStore>();
    builder.Services.AddSingleton<IEventAcceptance, PostgresEventAcceptance>();
}

builder.AddPitstopSecurity();
builder.AddPitstopRateLimits();
// A request that outlives this is answered 504 and its work cancelled; nothing unacknowledged counts
// (the intake answers 202 only once events are stored, and a retry is idempotent).
builder.Services.AddRequestTimeouts(o =>
{
    o.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
    {
        Timeout = builder.Configuration.GetValue("Api:RequestTimeout", TimeSpan.FromSeconds(30)),
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
    };
    // An import cut short is completed by uploading the file again (every row is idempotent).
    o.AddPolicy(ImportEndpoints.TimeoutPolicy, new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
    {
        Timeout = builder.Configuration.GetValue("Api:ImportTimeout", TimeSpan.FromMinutes(30)),
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
    });
});
// On SIGTERM Kestrel stops taking connections and the host waits this long for the requests in
// flight (an intake batch being stored, a read) before it stops: longer than the request timeout,
// so that a node stopped by a rolling restart answers everything it took.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = builder.Configuration.GetValue("Api:ShutdownTimeout", TimeSpan.FromSeconds(35)));
builder.Services.AddSingleton<EventParser>();
builder.Services.AddSingleton<KnownDealerships>();
builder.Services.AddSingleton<ReversalChecks>();
builder.Services.AddSingleton<AppliedWaits>();
builder.Services.AddOptions<IntakeWaitOptions>().BindConfiguration(IntakeWaitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<IntakePipeline>();
builder.Services.AddSingleton<IntakeMetrics>();
builder.Services.AddSingleton<LeagueMonths>();
builder.Services.AddMemoryCache();
builder.Services.AddOptions<LeagueReadOptions>().BindConfiguration(LeagueReadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<NotificationTail>();
// Also bound by the silo; the API of the PostgreSQL mode, a client, checks subscribed URLs by it too.
builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<LeaderboardReplicas>();
builder.Services.AddSingleton<DealershipImport>();
builder.Services.AddSingleton<StaffImport>();
builder.Services.AddSingleton<CustomerImport>();
builder.Services.AddSingleton<OpeningBalanceImport>();
builder.Services.AddSingleton<IProgramInForce, VersionedProgramInForce>();
builder.Services.AddSingleton<SimulationRuns>();

builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<UnavailableHandler>();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurity>().AddOperationTransformer<RouteExampleTransformer>().AddDocumentTransformer<NullableIsOptional>());
var health = builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [OperationsEndpoints.ReadyTag]);
if (!cluster.IsEmbedded)
{
    health.AddCheck<StorageHealthCheck>("storage", tags: [OperationsEndpoints.ReadyTag], timeout: StorageHealthCheck.Timeout);
}

builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(IntakeMetrics.MeterName, AuthenticationMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
    .AddPrometheusExporter());

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDashboardPages();
// After the dashboard's rewrite, so that its pages route to the app's index.html.
app.UseRouting();
app.UseFailedAuthenticationLimit();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseRequestTimeouts();
app.WarnWhenNoCredentials();

app.MapStaticAssets();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs");
app.MapOperations();
app.MapOrleansDashboardForAdmins();

var api = app.MapGroup("/api/v1").RequireAuthorization().RequireRateLimiting(RateLimits.PerCredential);
api.MapIntake().MapDealerships().MapMembers().MapLedgers().MapRedemptions().MapCatalog().MapBudgets().MapBudgetBurn().MapNotifications().MapLive().MapAudit().MapDeadLetters().MapEventArchive()
    .MapIncidents().MapRecoveryAnalytics().MapLeaderboards().MapSpotAwards().MapProgram().MapImport().MapCaller().MapLoyaltyAnalytics()
    .MapRecognition().MapStaffCards().MapStaffPerformance().MapChallenges().MapWebhooks().MapSimulations();

await app.RunAsync();

/// <summary>The API's entry point; public so that tests can host it.</summary>
public partial class Program;
