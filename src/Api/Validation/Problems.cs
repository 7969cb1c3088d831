using Microsoft.AspNetCore.Http.HttpResults;
using Pitstop.Grains.Interfaces;

namespace Pitstop.Api.Validation;

/// <summary>
/// The problem types the API answers with (RFC 9457). Types are stable relative URIs, documented
/// in docs/api.md; titles are for people.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Malformed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid JSON of the expected shape", type: "/problems/malformed-request");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large", type: "/problems/too-large");

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"No {what} with that id.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: "/problems/not-found");

    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid", type: "/problems/validation");

    public static ValidationProblem InvalidId(string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [IdRules.IdMessage] }, title: "One or more fields are invalid", type: "/problems/validation");

    public static ProblemHttpResult PoolShort(long available) =>
        TypedResults.Problem($"The brand pool holds {available} points, fewer than the top-up asks for.", statusCode: StatusCodes.Status409Conflict, title: "The brand pool is short", type: "/problems/pool-short");

    public static ProblemHttpResult InsufficientPoints(long available) =>
        TypedResults.Problem($"The wallet holds {available} spendable points, fewer than the redemption costs.", statusCode: StatusCodes.Status409Conflict, title: "Not enough points", type: "/problems/insufficient-points");

    public static ProblemHttpResult TierRequired() =>
        TypedResults.Problem("The item is reserved for members of a higher tier.", statusCode: StatusCodes.Status409Conflict, title: "A higher tier is required", type: "/problems/tier-required");

    public static ProblemHttpResult OutOfStock() =>
        TypedResults.Problem("The item has not enough stock left for this quantity.", statusCode: StatusCodes.Status409Conflict, title: "Out of stock", type: "/problems/out-of-stock");

    public static ProblemHttpResult RedemptionSettled(Grains.Interfaces.Rewards.RedemptionStatus status) =>
        TypedResults.Problem($"The redemption is already {WireNames.Of(status)}.", statusCode: StatusCodes.Status409Conflict, title: "The redemption is settled", type: "/problems/redemption-settled");

    public static ProblemHttpResult FollowUpNotScheduled(int day) =>
        TypedResults.Problem($"The incident has no day-{day} follow-up: follow-ups are scheduled once its recovery is delivered, on the program's follow-up days.",
            statusCode: StatusCodes.Status409Conflict, title: "Follow-up not scheduled", type: "/problems/follow-up-not-scheduled");

    public static ProblemHttpResult OverSpotAwardAllowance(long given, long allowance) =>
        TypedResults.Problem($"This award would take the month's spot awards past the allowance: {given} of {allowance} points given.",
            statusCode: StatusCodes.Status409Conflict, title: "Spot award allowance exceeded", type: "/problems/spot-award-allowance");

    public static ProblemHttpResult DeadLetterClosed(string status) =>
        TypedResults.Problem($"The dead letter is already {status}: only an open one can be retried or discarded.",
            statusCode: StatusCodes.Status409Conflict, title: "The dead letter is closed", type: "/problems/dead-letter-closed");

    public static ProblemHttpResult PinRefused(int attemptsLeft) =>
        TypedResults.Problem(
            attemptsLeft > 0 ? $"That PIN is not right: {attemptsLeft} more tries before the card is locked." : "That PIN is not right, and the card is now locked for a while.",
            statusCode: StatusCodes.Status403Forbidden, title: "Wrong PIN", type: "/problems/pin-refused",
            extensions: new Dictionary<string, object?> { ["attemptsLeft"] = attemptsLeft });

    public static ProblemHttpResult PinLocked(DateTimeOffset until) =>
        TypedResults.Problem(
            $"Too many wrong PINs: the card opens again at {until:O}.", statusCode: StatusCodes.Status429TooManyRequests, title: "The card is locked", type: "/problems/pin-locked",
            extensions: new Dictionary<string, object?> { ["lockedUntil"] = until });

    public static ProblemHttpResult PinNotSet() =>
        TypedResults.Problem("The staff member has no kiosk PIN yet: their workshop manager sets one.", statusCode: StatusCodes.Status409Conflict,
            title: "No PIN set", type: "/problems/pin-not-set");

    public static ProblemHttpResult ChallengeExists(string challengeId) =>
        TypedResults.Problem($"A different challenge {challengeId} exists: edit it with PUT /api/v1/challenges/{challengeId}.", statusCode: StatusCodes.Status409Conflict,
            title: "The challenge exists", type: "/problems/challenge-exists");

    public static ProblemHttpResult ChallengeClosed() =>
        TypedResults.Problem("A closed challenge no longer changes.", statusCode: StatusCodes.Status409Conflict, title: "The challenge is closed", type: "/problems/challenge-closed");

    /// <summary>An edit of a running challenge beyond its title and last day: the fields it may no longer change.</summary>
    public static ProblemHttpResult ChallengeStarted(IReadOnlyList<string> fields) =>
        TypedResults.Problem(
            "The challenge has started: members may have counted towards it, so only its title and its last day may change.", statusCode: StatusCodes.Status409Conflict,
            title: "The challenge has started", type: "/problems/challenge-started",
            extensions: new Dictionary<string, object?> { ["errors"] = fields.ToDictionary(f => f, _ => StartedMessage) });

    private static readonly string[] StartedMessage = ["cannot change once the challenge has started"];

    public static ProblemHttpResult Forbidden() =>
        TypedResults.Problem("The credential's role or scope does not cover this.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: "/problems/forbidden");
}
