using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pitstop.Api.Intake;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;

namespace Pitstop.Api.Endpoints;

/// <summary><c>POST /api/v1/events</c>: the batch intake of events.md.</summary>
public static class IntakeEndpoints
{
    public const int MaxEvents = 1_000;

    /// <summary>The one value of the <c>wait</c> parameter: answer once the events are applied (read-your-writes).</summary>
    public const string WaitApplied = "applied";

    private const string WaitDescription =
        "\"applied\": answer only once every event of the batch (accepted now, or a duplicate of one accepted before) is applied by " +
        "every grain it concerns, so that reads right after see it — or once Api:Intake:MaxApplyWait (5 s by default) has passed. The answer adds " +
        "\"applied\" (true when all are) and lists by index and id those still \"pending\", those moved aside as dead letters " +
        "(\"deadLettered\": settled, not applied) and those the engine cannot tell of (\"unknown\": a duplicate accepted more than " +
        "10 minutes ago or by a request that did not wait, or an event whose dealership's router restarted meanwhile). To ask again, " +
        "post the same batch with ?wait=applied: its events are duplicates then, and are waited for the same way.";

    public static RouteGroupBuilder MapIntake(this RouteGroupBuilder api)
    {
        api.MapPost("/events", PostEventsAsync)
            .WithTags("Events").WithName("PostEvents")
            .WithSummary("Submit a batch of DMS events")
            .WithDescription("Answers only after every accepted event is durably stored; the events are applied asynchronously, unless " +
                "?wait=applied asks to wait for that too. Invalid events are rejected one by one; the rest of the batch is accepted. " + EventLimits.Description)
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(Policies.Ingest);
        return api;
    }

    private static async Task<Results<Accepted<IntakeAnswer>, ProblemHttpResult, ValidationProblem>> PostEventsAsync(
        [Description(WaitDescription)] string? wait,
        HttpRequest request, ClaimsPrincipal user, IntakePipeline pipeline, AppliedWaits waits, IntakeMetrics metrics, ILogger<IntakePipeline> log, CancellationToken cancellation)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (wait is not (null or WaitApplied))
        {
            return Problems.Invalid(FieldErrors.Of("wait", $"must be \"{WaitApplied}\" or left out"));
        }

        var (document, problem) = await JsonBody.ReadAsync(request, cancellation);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                return Problems.Malformed("The body must be an object with an \"events\" array.");
            }

            var count = events.GetArrayLength();
            if (count > MaxEvents)
            {
                return Problems.TooLarge($"A batch may hold at most {MaxEvents} events; this one holds {count}.");
            }

            var caller = new Caller(user);
            var batch = await pipeline.IngestAsync(events.EnumerateArray().ToList(), caller, expectApplied: wait is not null, cancellation);
            var answer = batch.Answer;
            // Recorded before any wait: the duration is the intake's own, to durable acceptance.
            metrics.Record(answer, caller.Name, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            if (answer.Rejected.Count > 0 && log.IsEnabled(LogLevel.Information))
            {
                foreach (var rejected in answer.Rejected)
                {
                    log.LogInformation("Rejected event {EventId} (index {Index}) from {Credential}: {Fields}", rejected.Id, rejected.Index, caller.Name, string.Join(", ", rejected.Errors.Keys));
                }
            }

            if (wait is not null)
            {
                answer = await waits.WaitAsync(answer, batch.Published, batch.Duplicates, cancellation);
            }

            return TypedResults.Accepted((string?)null, answer);
        }
    }
}
