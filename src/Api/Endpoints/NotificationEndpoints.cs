using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Api.Endpoints;

/// <summary>The durable notification feed that message senders pull from.</summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", ReadAsync).WithTags("Notifications").WithName("ReadNotifications")
            .WithSummary("Notifications after a cursor, oldest first").Produces<NotificationPage>().ProducesValidationProblem()
            .RequireAuthorization(Policies.Notifications);
        return api;
    }

    /// <summary>A page of the feed; pass <c>next</c> as <c>after</c> to read on.</summary>
    public sealed record NotificationPage(IReadOnlyList<Notification> Items, string Next);

    private static async Task<IResult> ReadAsync(string? after, string? limit, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var (position, size) = Paging.Read("after", after, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var items = await grains.GetGrain<INotificationsGrain>(0).ReadAsync(position, size);
        var next = items.Count > 0 ? items[^1].Seq : position;
        return TypedResults.Ok(new NotificationPage(items, Paging.Text(next)));
    }
}
