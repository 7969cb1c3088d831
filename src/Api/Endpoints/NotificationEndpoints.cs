using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Api.Endpoints;

/// <summary>The durable notification feed that message senders pull from.</summary>
public static class NotificationEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1_000;

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", ReadAsync).WithTags("Notifications").WithName("ReadNotifications")
            .WithSummary("Notifications after a cursor, oldest first").Produces<NotificationPage>().ProducesValidationProblem();
        return api;
    }

    /// <summary>A page of the feed; pass <c>next</c> as <c>after</c> to read on.</summary>
    public sealed record NotificationPage(IReadOnlyList<Notification> Items, string Next);

    private static async Task<IResult> ReadAsync(string? after, string? limit, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        long position = 0;
        if (after is not null && (!long.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out position) || position < 0))
        {
            errors.Add("after", "must be a cursor returned as next, or absent to read from the start");
        }

        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number 1..{MaxLimit}");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var items = await grains.GetGrain<INotificationsGrain>(0).ReadAsync(position, size);
        var next = items.Count > 0 ? items[^1].Seq : position;
        return TypedResults.Ok(new NotificationPage(items, next.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
