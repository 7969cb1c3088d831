using System.Security.Claims;
using Pitstop.Api.Dealerships;
using Pitstop.Api.Intake;
using Pitstop.Api.League;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The league's challenges as data (program.md; decisions.md): admins create, edit and close them on
/// the running engine; scoped readers see those that run where they may look.
/// </summary>
public static class ChallengeEndpoints
{
    private const int MaxTarget = 100_000;
    private const int MaxPoints = 1_000_000;

    public static RouteGroupBuilder MapChallenges(this RouteGroupBuilder api)
    {
        api.MapPost("/challenges", CreateAsync).WithTags("Challenges").WithName("CreateChallenge")
            .WithSummary("Create (schedule) a challenge")
            .WithDescription("It counts events that occur from the start of `from` to the end of `to` (program time zone) within its scope, and pays `points` once " +
                "to each member who reaches `target`. Sending the same challenge again answers 200; a different one under its id, 409 /problems/challenge-exists.")
            .Accepts<NewChallengeBody>("application/json").Produces<ChallengeDetails>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Admin);
        api.MapGet("/challenges", ListAsync).WithTags("Challenges").WithName("ListChallenges")
            .WithSummary("The challenges that run within the caller's scope, closed ones included").Produces<IReadOnlyList<ChallengeDetails>>()
            .WithDescription("National challenges for every scoped reader, a state's for readers of that state or of a dealership in it, a dealership's for readers of that dealership; each with its `status` (scheduled, running, ended, closed).")
            .RequireAuthorization(Policies.ScopedRead);
        api.MapGet("/challenges/{id}", GetAsync).WithTags("Challenges").WithName("GetChallenge")
            .WithSummary("One challenge").Produces<ChallengeDetails>()
            .WithDescription("A challenge outside the caller's scope is 403; an unknown id is 404 for admins (others learn nothing of ids they may not read).").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ScopedRead);
        api.MapPut("/challenges/{id}", EditAsync).WithTags("Challenges").WithName("EditChallenge")
            .WithSummary("Edit a challenge")
            .WithDescription("Anything may change before its first day; once started only `title` and `to` (409 /problems/challenge-started names the others); " +
                "a closed challenge not at all (409 /problems/challenge-closed).")
            .Accepts<ChallengeBody>("application/json").Produces<ChallengeDetails>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Admin);
        api.MapPost("/challenges/{id}/close", CloseAsync).WithTags("Challenges").WithName("CloseChallenge")
            .WithSummary("Close a challenge now: events from now on do not count; completions already paid stay paid")
            .WithDescription("Admins only. An event that occurred before the close still counts when it arrives later; a closed challenge is not changed again (409 /problems/challenge-closed).")
            .Produces<ChallengeDetails>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Admin);
        return api;
    }

    /// <summary>
    /// A challenge: <c>kpi</c> first-time-fix | on-time | csat-5 | upsell; <c>target</c> 1..100000;
    /// <c>points</c> 0..1000000; <c>scope</c> national | state (with <c>state</c>) | dealership (with
    /// <c>dealershipId</c>); <c>from</c> and <c>to</c> yyyy-MM-dd.
    /// </summary>
    public sealed record ChallengeBody(string Title, string Kpi, int Target, int Points, string Scope, string? DealershipId, string? State, DateOnly From, DateOnly To);

    public sealed record NewChallengeBody(
        string ChallengeId, string Title, string Kpi, int Target, int Points, string Scope, string? DealershipId, string? State, DateOnly From, DateOnly To);

    private static async Task<IResult> CreateAsync(
        HttpRequest request, IGrainFactory grains, KnownDealerships dealerships, ProgramClock clock, ProgramCalendar calendar, CancellationToken cancellation)
    {
        var (challenge, problem) = await JsonBody.ReadObjectAsync(request, r => Read(r, r.Id("challengeId"), calendar, isNew: true), cancellation);
        if (challenge is null)
        {
            return problem!;
        }

        if (await UnknownDealershipAsync(challenge, dealerships) is { } unknown)
        {
            return unknown;
        }

        var write = await Catalog(grains).CreateAsync(challenge);
        var details = ChallengeDetails.Of(write.Challenge!, clock.GetUtcNow(), calendar);
        return write.Outcome switch
        {
            ChallengeWriteOutcome.Written => TypedResults.Created($"/api/v1/challenges/{challenge.ChallengeId}", details),
            ChallengeWriteOutcome.Unchanged => TypedResults.Ok(details),
            _ => Problems.ChallengeExists(challenge.ChallengeId),
        };
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IGrainFactory grains, KnownDealerships dealerships, ProgramClock clock, ProgramCalendar calendar)
    {
        var caller = new Caller(user);
        List<ChallengeDetails> visible = [];
        foreach (var challenge in (await Catalog(grains).CatalogAsync()).Challenges)
        {
            if (await SeesAsync(caller, challenge.Scope, dealerships))
            {
                visible.Add(ChallengeDetails.Of(challenge, clock.GetUtcNow(), calendar));
            }
        }

        return TypedResults.Ok(visible);
    }

    private static async Task<IResult> GetAsync(
        string id, ClaimsPrincipal user, IGrainFactory grains, KnownDealerships dealerships, ProgramClock clock, ProgramCalendar calendar)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        var caller = new Caller(user);
        var challenge = (await Catalog(grains).CatalogAsync()).Challenges.FirstOrDefault(c => c.ChallengeId == id);
        if (challenge is null)
        {
            // Only an admin learns that an id is not taken (api.md: never a 404 that leaks existence).
            return caller.IsAdmin ? Problems.NotFound("challenge") : Problems.Forbidden();
        }

        return await SeesAsync(caller, challenge.Scope, dealerships) ? TypedResults.Ok(ChallengeDetails.Of(challenge, clock.GetUtcNow(), calendar)) : Problems.Forbidden();
    }

    private static async Task<IResult> EditAsync(
        string id, HttpRequest request, IGrainFactory grains, KnownDealerships dealerships, ProgramClock clock, ProgramCalendar calendar, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        var (challenge, problem) = await JsonBody.ReadObjectAsync(request, r => Read(r, id, calendar, isNew: false), cancellation);
        if (challenge is null)
        {
            return problem!;
        }

        if (await UnknownDealershipAsync(challenge, dealerships) is { } unknown)
        {
            return unknown;
        }

        var write = await Catalog(grains).EditAsync(challenge);
        return write.Outcome switch
        {
            ChallengeWriteOutcome.NotFound => Problems.NotFound("challenge"),
            ChallengeWriteOutcome.Closed => Problems.ChallengeClosed(),
            ChallengeWriteOutcome.Started => Problems.ChallengeStarted(write.RefusedFields),
            _ => TypedResults.Ok(ChallengeDetails.Of(write.Challenge!, clock.GetUtcNow(), calendar)),
        };
    }

    private static async Task<IResult> CloseAsync(string id, IGrainFactory grains, ProgramClock clock, ProgramCalendar calendar)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        var write = await Catalog(grains).CloseAsync(id);
        return write.Challenge is { } closed ? TypedResults.Ok(ChallengeDetails.Of(closed, clock.GetUtcNow(), calendar)) : Problems.NotFound("challenge");
    }

    /// <summary>The body of a create or an edit, every field checked and named when at fault.</summary>
    private static Challenge Read(FieldReader r, string id, ProgramCalendar calendar, bool isNew)
    {
        var title = r.Text("title");
        var kpi = r.Choice("kpi", WireVocabularies.LeagueKpis);
        var target = r.Int("target", 1, MaxTarget);
        var points = r.Int("points", 0, MaxPoints);
        var scope = Scope(r, r.Choice("scope", WireVocabularies.ChallengeScopes));
        var from = r.OptionalDate("from");
        var to = r.OptionalDate("to");
        if (from is null)
        {
            r.Error("from", "is required");
        }

        if (to is null)
        {
            r.Error("to", "is required");
        }
        else if (from is not null && to < from)
        {
            r.Error("to", "must not be before from");
        }
        else if (isNew && to < calendar.Today())
        {
            r.Error("to", "must not be in the past");
        }

        return new Challenge(id, title, kpi, target, points, scope, from, to, null);
    }

    /// <summary>The scope and the one field that names where it runs; a field that does not fit the scope is an error of its own.</summary>
    private static ChallengeScope Scope(FieldReader r, ChallengeScopeKind kind)
    {
        var dealershipId = r.OptionalId("dealershipId");
        var state = r.OptionalText("state");
        if (kind != ChallengeScopeKind.Dealership && dealershipId is not null)
        {
            r.Error("dealershipId", "is only for a dealership challenge");
        }

        if (kind != ChallengeScopeKind.State && state is not null)
        {
            r.Error("state", "is only for a state challenge");
        }

        switch (kind)
        {
            case ChallengeScopeKind.Dealership when dealershipId is null:
                r.Error("dealershipId", "is required for a dealership challenge");
                break;
            case ChallengeScopeKind.State when state is null:
                r.Error("state", "is required for a state challenge");
                break;
            case ChallengeScopeKind.State when !IndianStates.Codes.Contains(state):
                r.Error("state", IndianStates.Message);
                break;
        }

        return kind switch
        {
            ChallengeScopeKind.Dealership => new ChallengeScope(kind, dealershipId),
            ChallengeScopeKind.State => new ChallengeScope(kind, state),
            _ => ChallengeScope.National,
        };
    }

    private static async Task<IResult?> UnknownDealershipAsync(Challenge challenge, KnownDealerships dealerships) =>
        challenge.Scope is { Kind: ChallengeScopeKind.Dealership, Id: { } dealershipId } && (await dealerships.FindUnknownAsync([dealershipId])).Count > 0
            ? Problems.Invalid(FieldErrors.Of("dealershipId", KnownDealerships.UnregisteredMessage))
            : null;

    /// <summary>
    /// Whether a challenge runs where the caller may look: a national one for every reader; a state's
    /// for readers of that state or of a dealership in it; a dealership's as that dealership's data.
    /// </summary>
    private static async Task<bool> SeesAsync(Caller caller, ChallengeScope scope, KnownDealerships dealerships)
    {
        switch (scope.Kind)
        {
            case ChallengeScopeKind.Dealership:
                return caller.Covers(scope.Id!, await dealerships.StateOfAsync(scope.Id!));
            case ChallengeScopeKind.State:
                if (caller.CoversAll || caller.States.Contains(scope.Id!))
                {
                    return true;
                }

                foreach (var dealershipId in caller.Dealerships)
                {
                    if (await dealerships.StateOfAsync(dealershipId) == scope.Id)
                    {
                        return true;
                    }
                }

                return false;
            default:
                return true;
        }
    }

    private static IChallengeCatalogGrain Catalog(IGrainFactory grains) => grains.Reference<IChallengeCatalogGrain>(IChallengeCatalogGrain.Key);
}
