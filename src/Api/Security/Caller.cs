using System.Security.Claims;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Api.Security;

/// <summary>The claim names of a credential, the same for API keys and JWTs.</summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Dealership = "dealership";
    public const string State = "state";
}

/// <summary>
/// Who is calling and what they may see: the scope of api.md, checked on the dealership and state
/// of the data itself, not on the URL.
/// </summary>
public sealed class Caller(ClaimsPrincipal principal)
{
    public string Name => principal.FindFirstValue(CallerClaims.Subject) ?? "";

    public string Role => principal.FindFirstValue(CallerClaims.Role) ?? "";

    public IReadOnlySet<string> Dealerships { get; } = principal.FindAll(CallerClaims.Dealership).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> States { get; } = principal.FindAll(CallerClaims.State).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>The member a viewer is (<see cref="MemberSubject"/>); null for every other role.</summary>
    public MemberRef? Member => Role == Roles.Viewer ? MemberSubject.Of(Name) : null;

    /// <summary>Whether <see cref="Covers"/> is true of every dealership: no need to look any up.</summary>
    public bool CoversAll => IsAdmin || (Role is Roles.Ingest or Roles.Cx && Dealerships.Count == 0 && States.Count == 0);

    /// <summary>Whether data of this dealership (in this state) is within the caller's scope.</summary>
    public bool Covers(string dealershipId, string? state) => Role switch
    {
        Roles.Admin => true,
        Roles.RegionalLead => state is not null && States.Contains(state),
        Roles.ServiceHead or Roles.WorkshopManager => Dealerships.Contains(dealershipId),
        // An empty scope is the whole network (api.md, cx); a scoped one lists dealerships or states.
        Roles.Ingest or Roles.Cx => (Dealerships.Count == 0 && States.Count == 0)
            || Dealerships.Contains(dealershipId) || (state is not null && States.Contains(state)),
        _ => false,
    };

    /// <summary>Whether the caller is the member themself (a viewer's own record): the same kind and the same id.</summary>
    public bool Is(MemberRef member) => Member == member;
}
