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

    public static RouteGroupBuilder MapIntake(this RouteGroupBuilder api)
    {
        api.MapPost("/events", PostEventsAsync)
            .WithName("PostEvents")
            .WithSummary("Submit a batch of DMS events")
            .WithDescription("Answers only after every accepted event is durably stored. Invalid events are rejected one by one; the rest of the batch is accepted. " + EventLimits.Description)
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(Policies.Ingest);
        return api;
    }

    private static async Task<Results<Accepted<IntakeAnswer>, ProblemHttpResult>> PostEventsAsync(
        HttpRequest request, ClaimsPrincipal user, IntakePipeline pipeline, IntakeMetrics metrics, ILogger<IntakePipeline> log, CancellationToken cancellation)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
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
            var answer = await pipeline.IngestAsync(events.EnumerateArray().ToList(), caller, cancellation);
            metrics.Record(answer, caller.Name, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            if (answer.Rejected.Count > 0 && log.IsEnabled(LogLevel.Information))
            {
                foreach (var rejected in answer.Rejected)
                {
                    log.LogInformation("Rejected event {EventId} (index {Index}) from {Credential}: {Fields}", rejected.Id, rejected.Index, caller.Name, string.Join(", ", rejected.Errors.Keys));
                }
            }

            return TypedResults.Accepted((string?)null, answer);
        }
    }
}
