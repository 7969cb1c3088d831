using System.Security.Claims;
using Pitstop.Api.Intake;
using Pitstop.Api.League;
using Pitstop.Api.Security;
using Pitstop.Api.Members;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Api.Endpoints;

/// <summary>Customers and staff as the API shows them.</summary>
public static class MemberEndpoints
{
    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id}", GetCustomerAsync).WithTags("Customers").WithName("GetCustomer").WithSummary("A customer's balances and tier")
            .Produces<CustomerView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("Balance (available, pending, lifetimeEarned, redeemed, expired), tier and progress to the next one, points expiring soon, contracts, open upgrade prompts and the CRM profile. 404 for a customer the engine has not seen. Admins, regional leads, service heads and workshop managers within their scope, and a viewer for their own record.")
            .RequireAuthorization(Policies.MemberRead);
        api.MapGet("/customers/{id}/referral-code", GetReferralCodeAsync).WithTags("Customers").WithName("GetCustomerReferralCode")
            .WithDescription("Derived from the customer id, so it is answered for any customer the caller may read, seen by the engine or not. Admins, regional leads, service heads and workshop managers within their scope, and a viewer for their own record.")
            .WithSummary("The referral code the engine issues to a customer; a referral.converted must carry its referrer's code")
            .Produces<CustomerReferralCode>().ProducesValidationProblem().RequireAuthorization(Policies.MemberRead);
        api.MapPut("/customers/{id}/profile", SetProfileAsync).WithTags("Customers").WithName("SetCustomerProfile")
            .WithDescription("Replaces the customer's CRM profile: name, up to four preferred experiences (dining, wellness, adventure, lifestyle) and the date of the next tier review. Admins only.")
            .WithSummary("A customer's CRM profile: name, preferred experiences, tier review date").Accepts<ProfileBody>("application/json")
            .Produces<CustomerProfile>().ProducesValidationProblem().RequireAuthorization(Policies.Admin);
        api.MapPut("/staff/{id}", SetStaffAsync).WithTags("Staff").WithName("PutStaff")
            .WithDescription("Registers a staff member or updates one: name, role (technician, advisor, support, manager), a registered dealership and an optional HR designation; answers the member as GET /staff/{id} shows them. Admins only.")
            .WithSummary("A staff member's reference data: name, role, dealership, HR designation").Accepts<StaffBody>("application/json")
            .Produces<StaffDetails>().ProducesValidationProblem().RequireAuthorization(Policies.Admin);
        api.MapGet("/staff/{id}", GetStaffAsync).WithTags("Staff").WithName("GetStaff").WithSummary("A staff member's KPI points and wallet")
            .Produces<StaffDetails>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("Role, dealership, KPI points, wallet, this month's league score, ranks in the dealership, state and nation, badges and completed challenges. 404 for a staff member the engine does not know. Admins, regional leads, service heads and workshop managers within their scope, and a viewer for their own record.")
            .RequireAuthorization(Policies.MemberRead);
        return api;
    }

    private static async Task<IResult> GetCustomerAsync(string id, ClaimsPrincipal user, Access access, IGrainFactory grains)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        if (await access.MemberAsync(new Caller(user), new MemberRef(MemberKind.Customer, id)) is { } refused)
        {
            return refused;
        }

        return await grains.Reference<ICustomerGrain>(id).GetAsync() is { } view ? TypedResults.Ok(view) : Problems.NotFound("customer");
    }

    /// <summary>A customer's referral code (see <see cref="ReferralCodes"/>).</summary>
    public sealed record CustomerReferralCode(string CustomerId, string ReferralCode);

    // The code is derived from the id, and a conversion naming a referrer the engine has not seen yet is
    // accepted at intake, so the code is issued for any id the caller may read. The customer is told only
    // so that the loyalty dashboard counts codes issued (once per customer it knows, docs/decisions.md).
    private static async Task<IResult> GetReferralCodeAsync(string id, ClaimsPrincipal user, Access access, IGrainFactory grains)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        if (await access.MemberAsync(new Caller(user), new MemberRef(MemberKind.Customer, id)) is { } refused)
        {
            return refused;
        }

        await grains.Reference<ICustomerGrain>(id).IssueReferralCodeAsync();
        return TypedResults.Ok(new CustomerReferralCode(id, ReferralCodes.For(id)));
    }

    public sealed record ProfileBody(string Name, IReadOnlyList<ExperienceCategory> Preferences, DateOnly? ReviewDate);

    private static async Task<IResult> SetProfileAsync(string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(
            request,
            r => new CustomerProfile(r.Text("name"), r.Choices("preferences", WireVocabularies.Experiences, max: 4), r.OptionalDate("reviewDate")),
            cancellation);
        return body is null ? problem! : TypedResults.Ok(await grains.Reference<ICustomerGrain>(id).SetProfileAsync(body));
    }

    public sealed record StaffBody(string Name, StaffRole Role, string DealershipId, string? Designation);

    private static async Task<IResult> SetStaffAsync(
        string id, HttpRequest request, IGrainFactory grains, KnownDealerships dealerships, LeagueMonths months, LeaderboardReplicas boards, CancellationToken cancellation)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(
            request, r => new StaffBody(r.Text("name"), r.Choice("role", WireVocabularies.StaffRoles), r.Id("dealershipId"), r.OptionalText("designation")), cancellation);
        if (body is null)
        {
            return problem!;
        }

        if ((await dealerships.FindUnknownAsync([body.DealershipId])).Count > 0)
        {
            return Problems.Invalid(FieldErrors.Of("dealershipId", KnownDealerships.UnregisteredMessage));
        }

        var before = await grains.Reference<IStaffGrain>(id).GetAsync();
        var view = await StaffRegistration.RegisterAsync(grains, id, new StaffProfile(body.Name, body.Role, body.DealershipId, body.Designation), before);
        return TypedResults.Ok(await DetailsAsync(view, boards, dealerships, months));
    }

    internal static async Task<StaffDetails> DetailsAsync(StaffView view, LeaderboardReplicas boards, KnownDealerships dealerships, LeagueMonths months)
    {
        var ranks = await months.RanksAsync(boards, view.Role, view.StaffId, view.DealershipId, await dealerships.StateOfAsync(view.DealershipId));
        return new StaffDetails(
            view.StaffId, view.Name, view.Role, view.DealershipId, view.Wallet, view.KpiPoints, view.EventsApplied, view.MonthScore, ranks,
            view.Badges, view.Challenges, view.Designation, [.. view.ChallengeStandings.Select(ChallengeProgressDetails.Of)]);
    }

    /// <summary>
    /// A staff member with this month's league score and ranks (api.md), the challenges they
    /// completed this month and their progress in each challenge in force for them.
    /// </summary>
    public sealed record StaffDetails(
        string StaffId, string? Name, StaffRole Role, string DealershipId, PointsBalance Wallet, long KpiPoints, long EventsApplied, long Score, LeagueRanks Ranks,
        IReadOnlyList<string> Badges, IReadOnlyList<string> Challenges, string? Designation, IReadOnlyList<ChallengeProgressDetails> ChallengeProgress);

    private static async Task<IResult> GetStaffAsync(
        string id, ClaimsPrincipal user, Access access, IGrainFactory grains, KnownDealerships dealerships, LeagueMonths months, LeaderboardReplicas boards)
    {
        if (!IdRules.IsId(id))
        {
            return Problems.InvalidId("id");
        }

        if (await access.MemberAsync(new Caller(user), new MemberRef(MemberKind.Staff, id)) is { } refused)
        {
            return refused;
        }

        if (await grains.Reference<IStaffGrain>(id).GetAsync() is not { } view)
        {
            return Problems.NotFound("staff member");
        }

        return TypedResults.Ok(await DetailsAsync(view, boards, dealerships, months));
    }
}
