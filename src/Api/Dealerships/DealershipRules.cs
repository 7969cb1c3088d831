using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Api.Dealerships;

/// <summary>
/// What a dealership's reference data must hold beyond well-formed text, whichever way it comes in
/// (<c>PUT /dealerships/{id}</c> or a row of the dealerships import), so both refuse alike.
/// </summary>
public static class DealershipRules
{
    /// <summary>Reports each field of <paramref name="profile"/> at fault, by its name, to <paramref name="error"/>.</summary>
    public static void Check(DealershipProfile profile, Action<string, string> error)
    {
        // An empty state was refused already, as missing text.
        if (profile.State.Length > 0 && !IndianStates.Codes.Contains(profile.State))
        {
            error("state", IndianStates.Message);
        }
    }
}
