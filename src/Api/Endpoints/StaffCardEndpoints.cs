using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Pitstop.Api.Intake;
using Pitstop.Api.League;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.League;
using Pitstop.Grains.Staff;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// A staff member's own card at the workshop kiosk: opened with their id and a PIN their workshop
/// manager set. The kiosk's credential must cover the member's dealership first, so a PIN is only
/// ever tried within it; every card action carries the PIN, and wrong PINs lock the card a while.
/// </summary>
public static class StaffCardEndpoints
{
    private const int MaxQuantity = 100;

    public static RouteGroupBuilder MapStaffCards(this RouteGroupBuilder api)
    {
        api.MapPut("/staff/{id}/pin", SetPinAsync).WithTags("Staff").WithName("SetStaffPin")
            .WithSummary("Set a staff member's kiosk PIN (their workshop manager)")
            .WithDescription("pin: 4 to 8 digits. Stored as a salted PBKDF2 hash, never shown again; replaces the PIN before and ends a lockout. " +
                "Admins and the workshop manager of the member's dealership only.")
            .Accepts<PinBody>("application/json").Produces<PinSet>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.PinSetters);
        api.MapPost("/staff/{id}/card", OpenAsync).WithTags("Staff").WithName("OpenStaffCard")
            .WithSummary("A staff member's own card (wallet, score, ranks, badges, challenges, latest points and why) on their PIN")
            .WithDescription($"A wrong PIN answers 403 /problems/pin-refused with attemptsLeft; after {PinAttempts.MaxFailures} in a row the card is locked for {PinAttempts.Lockout.TotalMinutes:0} minutes " +
                "(429 /problems/pin-locked with Retry-After and lockedUntil), a right PIN included. 409 /problems/pin-not-set when no PIN was set.")
            .Accepts<PinBody>("application/json").Produces<StaffCard>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(Policies.ScopedRead);
        api.MapPost("/staff/{id}/card/redemptions", RedeemAsync).WithTags("Redemptions").WithName("RedeemFromStaffCard")
            .WithSummary("Redeem a staff member's points for a catalog item from their card, on their PIN")
            .WithDescription("The PIN is checked as for POST /staff/{id}/card (wrong PINs count towards the lock); then as POST /staff/{id}/redemptions.")
            .Accepts<CardRedemptionBody>("application/json").Produces<Grains.Interfaces.Rewards.RedemptionView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(Policies.ScopedRead);
        return api;
    }

    public sealed record PinBody(string Pin);

    private const int RecentPointsShown = 5;

    /// <summary>The answer to a PIN set: whose, and that the card now opens with it.</summary>
    public sealed record PinSet(string StaffId, bool Set);

    public sealed record CardRedemptionBody(string Pin, string ItemId, int Quantity, string IdempotencyKey);

    /// <summary>A challenge the member completed this month, with its title and points as the catalogue holds it.</summary>
    public sealed record CardChallenge(string ChallengeId, string Name, long Bonus);

    /// <summary>The member as <c>GET /staff/{id}</c> shows them, and this month's challenges by name.</summary>
    /// <summary>The member's figures, the challenges they completed, and their latest points with why they earned them.</summary>
    public sealed record StaffCard(MemberEndpoints.StaffDetails Staff, IReadOnlyList<CardChallenge> CompletedChallenges, IReadOnlyList<LedgerEndpoints.LedgerLine> RecentPoints);

    private static async Task<IResult> SetPinAsync(string id, HttpRequest request, ClaimsPrincipal user, Access access, IGrainFactory grains, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        if (await access.MemberAsync(new Caller(user), new MemberRef(MemberKind.Staff, id)) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(request, r => new PinBody(Pin(r)), cancellation);
        if (body is null)
        {
            return problem!;
        }

        if (await grains.Reference<IStaffGrain>(id).GetAsync() is null)
        {
            return Problems.NotFound("staff member");
        }

        await grains.Reference<IStaffPinGrain>(id).SetAsync(body.Pin);
        return TypedResults.Ok(new PinSet(id, Set: true));
    }

    private static async Task<IResult> OpenAsync(
        string id, HttpRequest request, ClaimsPrincipal user, Access access, IGrainFactory grains, KnownDealerships dealerships, LeagueMonths months,
        LeaderboardReplicas boards, ProgramClock clock, HttpResponse response, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        if (await access.MemberAsync(new Caller(user), new MemberRef(MemberKind.Staff, id)) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(request, r => new PinBody(Pin(r)), cancellation);
        if (body is null)
        {
            return problem!;
        }

        if (await CheckAsync(id, body.Pin, grains, clock, response) is { } denied)
        {
            return denied;
        }

        if (await grains.Reference<IStaffGrain>(id).GetAsync() is not { } view)
        {
            return Problems.NotFound("staff member");
        }

        var details = await MemberEndpoints.DetailsAsync(view, boards, dealerships, months);
        var catalog = (await grains.Reference<IChallengeCatalogGrain>(IChallengeCatalogGrain.Key).CatalogAsync()).Challenges
            .ToDictionary(c => c.ChallengeId, StringComparer.Ordinal);
        var recent = await LedgerEndpoints.LatestAsync(grains, new MemberRef(MemberKind.Staff, id), RecentPointsShown);
        return TypedResults.Ok(new StaffCard(details, [.. details.Challenges.Select(c => catalog.TryGetValue(c, out var challenge)
            ? new CardChallenge(c, challenge.Title, challenge.Points)
            : new CardChallenge(c, c, 0))], recent));
    }

    private static async Task<IResult> RedeemAsync(
        string id, HttpRequest request, ClaimsPrincipal user, Access access, IGrainFactory grains, ProgramClock clock, HttpResponse response, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        var member = new MemberRef(MemberKind.Staff, id);
        if (await access.MemberAsync(new Caller(user), member) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(
            request,
            r => new CardRedemptionBody(Pin(r), r.Id("itemId"), r.Int("quantity", 1, MaxQuantity), r.Id("idempotencyKey")),
            cancellation);
        if (body is null)
        {
            return problem!;
        }

        return await CheckAsync(id, body.Pin, grains, clock, response)
            ?? RedemptionEndpoints.Answer(await grains.Of(member).RedeemAsync(body.IdempotencyKey, body.ItemId, body.Quantity));
    }

    /// <summary>The PIN field: 4 to 8 digits. A malformed PIN is not tried, so it is not counted either.</summary>
    private static string Pin(FieldReader reader)
    {
        var pin = reader.Text("pin");
        if (pin.Length > 0 && (pin.Length is < 4 or > 8 || !pin.All(char.IsAsciiDigit)))
        {
            reader.Error("pin", "must be 4 to 8 digits");
        }

        return pin;
    }

    /// <summary>Null when the PIN opens the card; otherwise the refusal (a lock also sets Retry-After).</summary>
    private static async Task<IResult?> CheckAsync(string staffId, string pin, IGrainFactory grains, ProgramClock clock, HttpResponse response)
    {
        var check = await grains.Reference<IStaffPinGrain>(staffId).CheckAsync(pin);
        switch (check.Outcome)
        {
            case PinOutcome.Opened:
                return null;
            case PinOutcome.NotSet:
                return Problems.PinNotSet();
            case PinOutcome.Locked when check.LockedUntil is { } until:
                var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Problems.PinLocked(until);
            default:
                return Problems.PinRefused(check.AttemptsLeft);
        }
    }
}
