using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pitstop.Api.Dealerships;
using Pitstop.Api.Intake;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Configuration;
using Pitstop.Grains.Versions;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The program as versioned data (api.md): every number of program.md, read by any credential as
/// of any instant; admins store new versions, each in force from its <c>effectiveFrom</c>, for
/// everyone or for a pilot's dealerships and states. The document's schema is <see cref="ProgramOptions"/>'s.
/// </summary>
public static class ProgramEndpoints
{
    /// <summary>The number of the version a program document is, on <c>GET /api/v1/program</c>.</summary>
    public const string VersionHeader = "X-Program-Version";

    private const int MaxPilotEntries = 500;

    public static RouteGroupBuilder MapProgram(this RouteGroupBuilder api)
    {
        api.MapGet("/program", GetAsync).WithTags("Program").WithName("GetProgram")
            .WithDescription("Every number of the program: earning rules, tiers, expiry, budgets, league and service recovery — the version for everyone in force at `at` " +
                "(RFC 3339; default now), or with `dealershipId` the version that judges that dealership's events then (a pilot's, in its scope); its number in the " +
                "`X-Program-Version` header. Any credential.")
            .WithSummary("The program in force: earning, tiers, budgets, league, recovery")
            .Produces<ProgramOptions>().ProducesValidationProblem();
        api.MapGet("/program/versions", ListAsync).WithTags("Program").WithName("ListProgramVersions")
            .WithDescription("Version 1 is the deployment's configuration, in force since the beginning of time; each later one was stored by an admin. Any credential.")
            .WithSummary("The program's versions: number, effectiveFrom, pilot, createdAt, createdBy")
            .Produces<IReadOnlyList<ProgramVersionSummary>>();
        api.MapGet("/program/versions/{version}", GetVersionAsync).WithTags("Program").WithName("GetProgramVersion")
            .WithDescription("The document of one version as GET /api/v1/program serves a version (the deployment's settings as configured), whatever its scope or " +
                "start: two of them side by side are what changed. Its number in the `X-Program-Version` header. 404 for a number not stored. Any credential.")
            .WithSummary("One version's program document")
            .Produces<ProgramOptions>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/program", PutAsync).WithTags("Program").WithName("PutProgram")
            .WithSummary("Store a new version of the program, in force from `effectiveFrom`")
            .WithDescription("The body is the whole document `GET /api/v1/program` serves, plus `effectiveFrom` (at least six minutes ahead of the program clock — the intake takes " +
                "events up to five minutes ahead — so every silo knows the version before it judges an event by it) and an optional `pilot` (`dealerships`, `states`, `until`): a piloted version judges only its scope's events " +
                "until `until`. Events are judged by the version in force when they occurred. The time zone, clock, budgets' starting policy, the challenges' seeds and the " +
                "recovery settings other than the awards and `moderateDelay` are deployment settings: a version repeats them unchanged. Admins only.")
            .Accepts<ProgramVersionBody>("application/json").Produces<ProgramVersionSummary>(StatusCodes.Status201Created).ProducesValidationProblem()
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    /// <summary>A version as sent: the whole program document, with when (and, for a pilot, where) it is in force. Read by hand, for its field errors; this type is its schema.</summary>
    public sealed class ProgramVersionBody : ProgramOptions
    {
        public DateTimeOffset EffectiveFrom { get; set; }

        public PilotBody? Pilot { get; set; }
    }

    /// <summary>A version without its document.</summary>
    public sealed record ProgramVersionSummary(int Version, DateTimeOffset? EffectiveFrom, PilotBody? Pilot, DateTimeOffset CreatedAt, string CreatedBy)
    {
        public static ProgramVersionSummary Of(ProgramVersion v) => new(
            v.Number,
            v.EffectiveFrom == DateTimeOffset.MinValue ? null : v.EffectiveFrom,
            v.Pilot is { } pilot ? new PilotBody(pilot.Dealerships, pilot.States, pilot.Until) : null,
            v.CreatedAt,
            v.CreatedBy);
    }

    /// <summary>A pilot's scope: dealership ids and state codes, and when it ends.</summary>
    public sealed record PilotBody(IReadOnlyList<string> Dealerships, IReadOnlyList<string> States, DateTimeOffset Until);

    private static IProgramVersionsGrain Versions(IGrainFactory grains) => grains.Reference<IProgramVersionsGrain>(IProgramVersionsGrain.Key);

    private static async Task<IResult> GetAsync(HttpContext context, IGrainFactory grains, ProgramClock clock, KnownDealerships dealerships, string? at = null, string? dealershipId = null)
    {
        var instant = clock.GetUtcNow();
        if (at is not null)
        {
            if (!FieldReader.IsRfc3339(at) || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
            {
                return Problems.Invalid(FieldErrors.Of("at", "must be an RFC 3339 timestamp with offset, e.g. 2026-11-20T17:00:00+05:30"));
            }
        }

        if (dealershipId is not null && !IdRules.IsId(dealershipId))
        {
            return Problems.InvalidId("dealershipId");
        }

        var state = dealershipId is null ? null : await dealerships.StateOfAsync(dealershipId);
        var versions = await Versions(grains).ListAsync();
        var version = ProgramVersionBook.InForce(versions, instant, dealershipId, state);
        context.Response.Headers[VersionHeader] = version.Number.ToString(CultureInfo.InvariantCulture);
        return Document(version, versions);
    }

    private static async Task<IResult> GetVersionAsync(HttpContext context, IGrainFactory grains, string version)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Problems.Invalid(FieldErrors.Of("version", "must be a version number: 1, 2, …"));
        }

        var versions = await Versions(grains).ListAsync();
        if (versions.FirstOrDefault(v => v.Number == number) is not { } stored)
        {
            return Problems.NotFound("program version");
        }

        context.Response.Headers[VersionHeader] = stored.Number.ToString(CultureInfo.InvariantCulture);
        return Document(stored, versions);
    }

    // A version's document as the silos apply it: the deployment's settings are version 1's, the configuration's.
    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Document(ProgramVersion version, IReadOnlyList<ProgramVersion> versions) =>
        TypedResults.Text(ProgramDocument.Write(ProgramDocument.Parse(version.Document, ProgramDocument.Parse(versions[0].Document))), "application/json");

    private static async Task<IResult> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok((await Versions(grains).ListAsync()).Select(ProgramVersionSummary.Of).ToList());

    private static async Task<IResult> PutAsync(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, KnownDealerships dealerships, CancellationToken cancellation)
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
            var effectiveFrom = reader.Instant("effectiveFrom");
            var pilot = ReadPilot(root, effectiveFrom, errors);
            var versions = await Versions(grains).ListAsync();
            var program = ProgramDocumentWithout(root, "effectiveFrom", "pilot");
            var (checkedProgram, failures) = ProgramDocument.Read(program);
            if (checkedProgram is not null)
            {
                failures = ProgramDocument.DeploymentChanges(program, ProgramDocument.Parse(versions[0].Document));
            }

            foreach (var failure in failures)
            {
                errors.Add(failure.Path, failure.Message);
            }

            if (pilot is not null && await dealerships.FindUnknownAsync(pilot.Dealerships) is { Count: > 0 } unknown)
            {
                foreach (var (id, index) in pilot.Dealerships.Select((id, index) => (id, index)).Where(d => unknown.Contains(d.id)))
                {
                    errors.Add($"pilot.dealerships[{index}]", KnownDealerships.UnregisteredMessage);
                }
            }

            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }

            var write = await Versions(grains).AddAsync(new ProgramVersionDraft(ProgramDocument.Write(checkedProgram!), effectiveFrom, pilot, new Caller(user).Name));
            if (write.Stored is not { } stored)
            {
                return Problems.Invalid(FieldErrors.Of("effectiveFrom",
                    $"must be at least {ProgramVersions.Lead.TotalMinutes:0} minute(s) ahead of the program clock, from {write.EarliestEffectiveFrom:O}: every silo must know a version before it judges an event by it"));
            }

            return TypedResults.Created("/api/v1/program/versions", ProgramVersionSummary.Of(stored));
        }
    }

    private static ProgramPilot? ReadPilot(JsonElement root, DateTimeOffset effectiveFrom, FieldErrors errors)
    {
        if (!root.TryGetProperty("pilot", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("pilot", "must be an object: dealerships, states, until");
            return null;
        }

        var reader = new FieldReader(element, "pilot", errors);
        var dealershipIds = reader.Ids("dealerships", required: false);
        var states = reader.Words("states", IndianStates.Codes, IndianStates.Message, MaxPilotEntries);
        var until = reader.Instant("until");
        if (dealershipIds.Count == 0 && states.Count == 0 && !errors.Has("pilot.dealerships") && !errors.Has("pilot.states"))
        {
            errors.Add("pilot", "must name at least one dealership or state");
        }

        if (!errors.Has("pilot.until") && until <= effectiveFrom)
        {
            errors.Add("pilot.until", "must be after effectiveFrom");
        }

        return new ProgramPilot(dealershipIds, states, until);
    }

    // The program document alone: the body less the version's own fields.
    private static JsonElement ProgramDocumentWithout(JsonElement body, params string[] names)
    {
        var node = JsonNode.Parse(body.GetRawText())!.AsObject();
        foreach (var name in names)
        {
            node.Remove(name);
        }

        return JsonSerializer.SerializeToElement(node);
    }
}
