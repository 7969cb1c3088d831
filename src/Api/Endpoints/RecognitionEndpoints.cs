using System.Globalization;
using System.Security.Claims;
using Pitstop.Api.Recognition;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// A dealership's recognition feed: its staff's badges, challenges and spot awards, newest first,
/// read from the notification feed (which announces each once) rather than kept a second time.
/// </summary>
public static class RecognitionEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapRecognition(this RouteGroupBuilder api)
    {
        api.MapGet("/dealerships/{id}/recognition", GetAsync).WithTags("Recognition").WithName("GetRecognition")
            .WithSummary("A dealership's recognition feed: badges, challenges and spot awards, newest first")
            .WithDescription("Built from the notification feed: league.badge-earned, league.challenge-completed and league.spot-awarded " +
                $"notifications of the dealership, newest first, at most limit (default {DefaultLimit}, at most {MaxLimit}). " +
                "kind is badge | challenge | spot-award; title the badge id, the challenge's name or the spot award's reason; " +
                "points the challenge bonus or the spot award's points; name the staff member's name when known.")
            .Produces<RecognitionFeed>().ProducesValidationProblem().RequireAuthorization(Policies.ScopedRead);
        return api;
    }

    public sealed record RecognitionFeed(string DealershipId, IReadOnlyList<RecognitionItem> Items);

    private static async Task<IResult> GetAsync(string id, string? limit, ClaimsPrincipal user, Access access, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (!IdRules.IsId(id))
        {
            errors.Add("id", IdRules.IdMessage);
        }

        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await access.DealershipAsync(new Caller(user), id) is { } refused)
        {
            return refused;
        }

        var notifications = await grains.Reference<INotificationsGrain>(0).LatestAsync(id, RecognitionItem.Types, size);
        var items = notifications.Select(RecognitionItem.Of).OfType<RecognitionItem>().ToList();
        var names = await NamesAsync(items.Select(i => i.StaffId).Distinct(StringComparer.Ordinal), grains);
        return TypedResults.Ok(new RecognitionFeed(id, [.. items.Select(i => i with { Name = names.GetValueOrDefault(i.StaffId) })]));
    }

    private static async Task<Dictionary<string, string?>> NamesAsync(IEnumerable<string> staffIds, IGrainFactory grains)
    {
        var views = await Task.WhenAll(staffIds.Select(async s => (Id: s, View: await grains.Reference<IStaffGrain>(s).GetAsync())));
        return views.ToDictionary(v => v.Id, v => v.View?.Name, StringComparer.Ordinal);
    }
}
