using Pitstop.Api.Intake;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Api.Security;

/// <summary>
/// Scope checks on the data a route touches (api.md): the answer to refuse with, or null when the
/// caller may go on. Out of scope is 403, and so is a record that does not exist for anyone but an
/// admin: a 404 would tell a scoped caller what exists elsewhere.
/// </summary>
public sealed class Access(KnownDealerships dealerships, IGrainFactory grains)
{
    public async Task<IResult?> DealershipAsync(Caller caller, string dealershipId) =>
        caller.Covers(dealershipId, await dealerships.StateOfAsync(dealershipId)) ? null : Problems.Forbidden();

    public async Task<IResult?> MemberAsync(Caller caller, MemberRef member)
    {
        if (caller.IsAdmin || caller.Is(member))
        {
            return null;
        }

        var dealershipId = member.Kind == MemberKind.Customer
            ? (await grains.Reference<ICustomerGrain>(member.Id).GetAsync())?.HomeDealershipId
            : (await grains.Reference<IStaffGrain>(member.Id).GetAsync())?.DealershipId;
        return dealershipId is null ? Problems.Forbidden() : await DealershipAsync(caller, dealershipId);
    }
}
