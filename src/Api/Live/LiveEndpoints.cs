using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Pitstop.Api.Endpoints;
using Pitstop.Api.Intake;
using Pitstop.Api.League;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Api.Live;

/// <summary>
/// Push instead of poll: the notification feed and the leaderboards as server-sent events, with the
/// credentials and scopes of their plain routes. Each stream sends a <c>heartbeat</c> event when it
/// has been quiet for <see cref="LiveOptions.Heartbeat"/> (the notification stream also at once).
/// A stream is meant to stay open: <c>Api:RequestTimeout</c> would end every one after 30 s, so the
/// streams are exempt from it (a client leaving, or the node stopping, ends them).
/// </summary>
public static class LiveEndpoints
{
    public const string HeartbeatEvent = "heartbeat";

    public static RouteGroupBuilder MapLive(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications/live", FollowNotificationsAsync).WithTags("Notifications").WithName("FollowNotifications")
            .WithSummary("The notification feed as it grows (server-sent events)")
            .WithDescription("""
                Each notification within the caller's scope is sent as a `notification` event whose id is its
                position in the feed. A client that reconnects with `Last-Event-ID` (or `after`) receives
                everything after that position, in order; without either, the stream starts from now.
                Whoever reads the feed (api.md) may call it, within the same scope.
                """)
            .Produces<Notification>(StatusCodes.Status200OK, "text/event-stream").ProducesValidationProblem()
            .RequireAuthorization(Policies.Notifications)
            .DisableRequestTimeout();
        api.MapGet("/leaderboards/{role}/live", FollowBoardAsync).WithTags("Leaderboards").WithName("FollowLeaderboard")
            .WithSummary("A month's leaderboard as it changes (server-sent events)")
            .WithDescription("""
                Takes the parameters of `GET /leaderboards/{role}`. The board is sent as a `leaderboard` event
                when the stream opens and again whenever the listing changes; a client that reconnects gets
                the current board, so nothing is missed. Readers of the league (api.md) may call it.
                """)
            .Produces<LeaderboardEndpoints.Leaderboard>(StatusCodes.Status200OK, "text/event-stream").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.LeagueRead)
            .DisableRequestTimeout();
        return api;
    }

    private static async Task<IResult> FollowNotificationsAsync(
        string? after, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, NotificationTail tail, CancellationToken cancellation)
    {
        var errors = new FieldErrors();
        var from = ReadPosition(request.Headers["Last-Event-ID"].ToString(), "Last-Event-ID", errors) ?? ReadPosition(after, "after", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var dealerships = await NotificationEndpoints.DealershipsOfAsync(user, grains);
        // "From now" is the feed's head before the answer starts: taken once the headers are out, it
        // could pass a notification the client raised as soon as it saw the stream open.
        from ??= await tail.NowAsync();
        return TypedResults.ServerSentEvents(Notifications(tail.FollowAsync(from, dealerships, cancellation), cancellation));
    }

    private static async IAsyncEnumerable<SseItem<Notification?>> Notifications(
        IAsyncEnumerable<Notification?> follow, [EnumeratorCancellation] CancellationToken cancellation)
    {
        // At once: the answer's headers go with the first event, and a reader (or a proxy) should
        // know the stream is open before the first notification, which may be long in coming.
        yield return new SseItem<Notification?>(null, HeartbeatEvent);
        await foreach (var n in follow.WithCancellation(cancellation))
        {
            yield return n is null
                ? new SseItem<Notification?>(null, HeartbeatEvent)
                : new SseItem<Notification?>(n, "notification") { EventId = n.Seq.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private static async Task<IResult> FollowBoardAsync(
        string role, string? scope, string? period, string? top, string? around, string? radius,
        KnownDealerships dealerships, LeagueMonths months, LeaderboardReplicas boards, IOptions<LiveOptions> options, CancellationToken cancellation)
    {
        var (query, problem) = await LeaderboardEndpoints.BoardQuery.ReadAsync(role, scope, period, top, around, radius, dealerships, months);
        return problem ?? TypedResults.ServerSentEvents(Board(query!, boards, options.Value, cancellation));
    }

    /// <summary>The board now, then each time its listing differs from the last one sent; a heartbeat when quiet.</summary>
    private static async IAsyncEnumerable<SseItem<LeaderboardEndpoints.Leaderboard?>> Board(
        LeaderboardEndpoints.BoardQuery query, LeaderboardReplicas boards, LiveOptions options, [EnumeratorCancellation] CancellationToken cancellation)
    {
        using var ticks = new PeriodicTimer(options.PollInterval);
        LeaderboardEndpoints.Leaderboard? sent = null;
        var quietSince = DateTimeOffset.UtcNow;
        var version = 0;
        do
        {
            var board = await query.ReadAsync(boards);
            if (sent is null || board.Members != sent.Members || !board.Entries.SequenceEqual(sent.Entries))
            {
                sent = board;
                quietSince = DateTimeOffset.UtcNow;
                yield return new SseItem<LeaderboardEndpoints.Leaderboard?>(board, "leaderboard") { EventId = (++version).ToString(CultureInfo.InvariantCulture) };
            }
            else if (DateTimeOffset.UtcNow - quietSince >= options.Heartbeat)
            {
                quietSince = DateTimeOffset.UtcNow;
                yield return new SseItem<LeaderboardEndpoints.Leaderboard?>(null, HeartbeatEvent);
            }
        }
        while (await WaitAsync(ticks, cancellation));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer ticks, CancellationToken cancellation)
    {
        try
        {
            return await ticks.WaitForNextTickAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static long? ReadPosition(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return position;
        }

        errors.Add(field, "must be a feed position (a whole number ≥ 0)");
        return null;
    }
}
