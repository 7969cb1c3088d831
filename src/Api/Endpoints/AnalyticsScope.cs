using Pitstop.Api.Dealerships;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// The dealerships an analytics query covers: those the <c>dealershipId</c> and <c>state</c>
/// filters select within the caller's scope, with their states. A dealership named outside the
/// scope is refused before it is looked up, so a scoped caller learns nothing outside it.
/// </summary>
internal static class AnalyticsScope
{
    /// <summary>Checks the filters' syntax into <paramref name="errors"/>.</summary>
    public static void Validate(string? dealershipId, string? state, FieldErrors errors)
    {
        if (dealershipId is not null && !IdRules.IsId(dealershipId))
        {
            errors.Add("dealershipId", IdRules.IdMessage);
        }

        if (state is not null && !IndianStates.Codes.Contains(state))
        {
            errors.Add("state", IndianStates.Message);
        }
    }

    /// <summary>The covered dealerships by id, with their states; or the problem to answer (403, 404).</summary>
    public static async Task<(IReadOnlyDictionary<string, string> Dealerships, IResult? Problem)> ResolveAsync(
        string? dealershipId, string? state, Caller caller, IGrainFactory grains)
    {
        var (profiles, problem) = await ResolveProfilesAsync(dealershipId, state, caller, grains);
        return (profiles.ToDictionary(d => d.Key, d => d.Value.State, StringComparer.Ordinal), problem);
    }

    /// <summary>The covered dealerships by id, with their profiles (city, state); or the problem to answer (403, 404).</summary>
    public static async Task<(IReadOnlyDictionary<string, DealershipProfile> Dealerships, IResult? Problem)> ResolveProfilesAsync(
        string? dealershipId, string? state, Caller caller, IGrainFactory grains)
    {
        var directory = await grains.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
        if (dealershipId is not null)
        {
            var known = directory.TryGetValue(dealershipId, out var profile);
            if (!caller.Covers(dealershipId, profile?.State))
            {
                return (new Dictionary<string, DealershipProfile>(), Problems.Forbidden());
            }

            if (!known)
            {
                return (new Dictionary<string, DealershipProfile>(), Problems.NotFound("dealership"));
            }
        }

        return (directory
            .Where(d => (dealershipId is null || d.Key == dealershipId) && (state is null || d.Value.State == state) && caller.Covers(d.Key, d.Value.State))
            .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal), null);
    }
}
