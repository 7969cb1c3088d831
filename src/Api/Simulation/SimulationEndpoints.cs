using System.Text.Json;
using Pitstop.Api.Dealerships;
using Pitstop.Api.Endpoints;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Simulation;

namespace Pitstop.Api.Simulation;

/// <summary>
/// What-if replays of the program (docs/decisions.md, "Event archive and what-if replays"): a
/// candidate program replayed over the archived events of a period in an isolated silo, its figures
/// beside the same replay under the program in force.
/// </summary>
public static class SimulationEndpoints
{
    private const string Tag = "Program";

    public static RouteGroupBuilder MapSimulations(this RouteGroupBuilder api)
    {
        api.MapPost("/program/simulations", StartAsync).WithTags(Tag).WithName("StartSimulation")
            .WithDescription("Replays the archived events of [from, to) (and, to carry balances and tiers in, every archived event before) under the candidate program, " +
                "a whole document in the shape GET /api/v1/program serves and validated as the silos validate theirs, in a silo of its own that touches nothing real; " +
                "and again under the program in force. Optionally only some dealerships (dealerships, at most 12 ids) or states (states). Budgets are funded without limit " +
                "and their draw reported. Answers 202 with the simulation, to poll. Admins only.")
            .WithSummary("Start a what-if replay of a candidate program over an archived period")
            .Accepts<JsonElement>("application/json").Produces<SimulationView>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .RequireAuthorization(Policies.Admin);
        api.MapGet("/program/simulations", List).WithTags(Tag).WithName("ListSimulations")
            .WithDescription($"This API node's newest simulations (at most {SimulationRuns.Kept}), newest first, with their state and progress. Admins only.")
            .WithSummary("The simulations, newest first").Produces<SimulationList>()
            .RequireAuthorization(Policies.Admin);
        api.MapGet("/program/simulations/{id}", Get).WithTags(Tag).WithName("GetSimulation")
            .WithDescription("A simulation's state (queued, running, completed, failed, cancelled), events replayed of the total (both runs), and once completed its figures " +
                "under the program in force and under the candidate: points by kind, budget drawn per dealership, tiers at the end, recovery points. Admins only.")
            .WithSummary("A simulation's progress and results").Produces<SimulationView>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Admin);
        api.MapDelete("/program/simulations/{id}", Cancel).WithTags(Tag).WithName("CancelSimulation")
            .WithDescription("Cancels a queued or running simulation (its silo stops); a finished one stays as it is. Admins only.")
            .WithSummary("Cancel a simulation").Produces<SimulationView>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Admin);
        api.MapGet("/program/simulations/{id}/ledger", Ledger).WithTags(Tag).WithName("GetSimulatedLedger")
            .WithDescription("A member's ledger as a completed simulation made it, newest first: member is customer:{id} or staff:{id}; program is candidate (default) or in-force. Admins only.")
            .WithSummary("A member's simulated ledger").Produces<LedgerEndpoints.LedgerPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    public sealed record SimulationList(IReadOnlyList<SimulationView> Items);

    /// <summary>A simulation: what it replays, how far it is, and once completed both sides' figures.</summary>
    public sealed record SimulationView(
        string Id, string State, DateTimeOffset RequestedAt, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string>? Dealerships, IReadOnlyList<string>? States,
        int Replayed, int Total, string? Error, SimulationFigures? InForce, SimulationFigures? Candidate)
    {
        internal static SimulationView Of(SimulationRun run) => new(
            run.Id, run.State.ToString().ToLowerInvariant(), run.RequestedAt, run.Request.From, run.Request.To,
            run.Request.Dealerships?.Order(StringComparer.Ordinal).ToList(), run.Request.States?.Order(StringComparer.Ordinal).ToList(),
            run.Replayed, run.Total, run.Error, run.InForce?.Figures, run.Candidate?.Figures);
    }

    private static async Task<IResult> StartAsync(HttpRequest request, SimulationRuns runs, CancellationToken cancellation)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellation);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Problems.Malformed("The body must be a JSON object.");
            }

            var errors = new FieldErrors();
            var reader = new FieldReader(root, "", errors);
            var from = reader.Time("from");
            var to = reader.Time("to");
            if (!reader.Has("from") && !reader.Has("to") && to <= from)
            {
                reader.Error("to", "must be later than from");
            }

            var dealerships = root.TryGetProperty("dealerships", out _) ? reader.Ids("dealerships", required: false).ToHashSet(StringComparer.Ordinal) : null;
            var states = root.TryGetProperty("states", out _) ? reader.Words("states", IndianStates.Codes, IndianStates.Message, IndianStates.Codes.Count).ToHashSet(StringComparer.Ordinal) : null;
            var program = root.TryGetProperty("program", out var element)
                ? Candidate(element, errors)
                : Missing(errors);
            if (!errors.IsEmpty || program is null)
            {
                return Problems.Invalid(errors);
            }

            var run = runs.Start(new SimulationRequest(program, from, to, dealerships, states));
            return TypedResults.Accepted($"/api/v1/program/simulations/{run.Id}", SimulationView.Of(run));
        }
    }

    // The reader a version's PUT uses, its failures named as fields of this request (program.recovery.minorAward).
    private static Grains.Configuration.ProgramOptions? Candidate(JsonElement element, FieldErrors errors)
    {
        var (program, failures) = Grains.Versions.ProgramDocument.Read(element, "program");
        foreach (var failure in failures)
        {
            errors.Add(failure.Path, failure.Message);
        }

        return program;
    }

    private static Grains.Configuration.ProgramOptions? Missing(FieldErrors errors)
    {
        errors.Add("program", "is required");
        return null;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<SimulationList> List(SimulationRuns runs) => TypedResults.Ok(new SimulationList([.. runs.List().Select(SimulationView.Of)]));

    private static IResult Get(string id, SimulationRuns runs) =>
        runs.Find(id) is { } run ? TypedResults.Ok(SimulationView.Of(run)) : Problems.NotFound("simulation");

    private static IResult Cancel(string id, SimulationRuns runs)
    {
        if (runs.Find(id) is not { } run)
        {
            return Problems.NotFound("simulation");
        }

        run.Cancel();
        return TypedResults.Ok(SimulationView.Of(run));
    }

    private static IResult Ledger(string id, string? member, string? program, SimulationRuns runs)
    {
        var errors = new FieldErrors();
        if (member is null || !MemberRef.TryParse(member, out var parsed) || !IdRules.IsId(parsed.Id))
        {
            errors.Add("member", "must be customer:{id} or staff:{id}");
        }

        if (program is not (null or "candidate" or "in-force"))
        {
            errors.Add("program", "must be candidate or in-force");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (runs.Find(id)?.JournalOf(candidate: program != "in-force") is not { } journal)
        {
            return Problems.NotFound("completed simulation");
        }

        var account = member!;
        var lines = LedgerEndpoints.Lines(account, journal.Where(e => e.From == account || e.To == account).Reverse());
        return TypedResults.Ok(new LedgerEndpoints.LedgerPage(lines, null));
    }
}
