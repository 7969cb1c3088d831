using System.Security.Claims;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Api.Endpoints;

/// <summary>The durable notification feed that message senders pull from.</summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", ReadAsync).WithTags("Notifications").WithName("ReadNotifications")
            .WithDescription($"The durable notification feed after the cursor after (from the start when absent), limit at a time (default {Paging.DefaultLimit}, at most {Paging.MaxLimit}), filtered to the caller's scope. Admins, regional leads, service heads, workshop managers and cx.")
            .WithSummary("Notifications after a cursor, oldest first").Produces<NotificationPage>().ProducesValidationProblem()
            .RequireAuthorization(Policies.Notifications);
        return api;
    }

    /// <summary>A page of the feed; pass <c>next</c> as <c>after</c> to read on.</summary>
    public sealed record NotificationPage(IReadOnlyList<Notification> Items, string Next);

    /// <summary>
    /// A scoped reader (a cx desk for one state, a regional lead, a service head) reads only the notifications of its dealerships,
    /// filtered where the feed is stored, so a page is never emptied after the fact.
    /// </summary>
    private static async Task<IResult> ReadAsync(string? after, string? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var (position, size) = Paging.Read("after", after, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var dealerships = await DealershipsOfAsync(user, grains);
        var items = await grains.Reference<INotificationsGrain>(0).ReadAsync(position, size, dealerships);
        var next = items.Count > 0 ? items[^1].Seq : position;
        return TypedResults.Ok(new NotificationPage(items, Paging.Text(next)));
    }

    /// <summary>The dealerships whose notifications the caller reads; null for a caller who reads them all.</summary>
    public static async Task<IReadOnlyList<string>?> DealershipsOfAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = new Caller(user);
        if (caller.CoversAll)
        {
            return null;
        }

        var directory = await grains.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
        return [.. directory.Where(d => caller.Covers(d.Key, d.Value.State)).Select(d => d.Key)];
    }
}
