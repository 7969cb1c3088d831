using System.Security.Claims;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Api.Endpoints;

/// <summary>A member wallet's ledger: every movement in or out, newest first (api.md).</summary>
public static class LedgerEndpoints
{
    public static RouteGroupBuilder MapLedgers(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id}/ledger", (string id, string? cursor, string? limit, ClaimsPrincipal user, Access access, IGrainFactory grains) =>
                ReadAsync(new MemberRef(MemberKind.Customer, id), cursor, limit, new Caller(user), access, grains))
            .WithTags("Customers").WithName("GetCustomerLedger").WithSummary("A customer's ledger, newest first")
            .WithDescription($"Ledger entries newest first, limit at a time (default {Paging.DefaultLimit}, at most {Paging.MaxLimit}); next, absent on the last page, is the cursor of the following one. Admins, regional leads, service heads and workshop managers within their scope, and a viewer for their own record.")
            .Produces<LedgerPage>().ProducesValidationProblem().RequireAuthorization(Policies.MemberRead);
        api.MapGet("/staff/{id}/ledger", (string id, string? cursor, string? limit, ClaimsPrincipal user, Access access, IGrainFactory grains) =>
                ReadAsync(new MemberRef(MemberKind.Staff, id), cursor, limit, new Caller(user), access, grains))
            .WithTags("Staff").WithName("GetStaffLedger").WithSummary("A staff member's ledger, newest first")
            .WithDescription($"Ledger entries newest first, limit at a time (default {Paging.DefaultLimit}, at most {Paging.MaxLimit}); next, absent on the last page, is the cursor of the following one. Admins, regional leads, service heads and workshop managers within their scope, and a viewer for their own record.")
            .Produces<LedgerPage>().ProducesValidationProblem().RequireAuthorization(Policies.MemberRead);
        return api;
    }

    /// <summary>
    /// One movement as the wallet sees it: <c>points</c> is positive in, negative out. An earning
    /// explains itself (<c>explanation</c>); a reversal names the entry it <c>reverses</c>.
    /// </summary>
    public sealed record LedgerLine(
        string Id, DateTimeOffset At, string Kind, long Points, string? DealershipId, string? SourceEventId, string? Note, LineExplanation? Explanation, string? Reverses);

    /// <summary>The rule that made an entry, the inputs it read, the program version, and all of it as a line to read.</summary>
    public sealed record LineExplanation(string Rule, IReadOnlyDictionary<string, string> Inputs, int ProgramVersion, string Text)
    {
        public static LineExplanation? Of(EntryExplanation? explanation) =>
            explanation is null ? null : new(explanation.Rule, explanation.Inputs, explanation.ProgramVersion, explanation.Text());
    }

    /// <summary>A page of a ledger; pass <c>next</c> as <c>cursor</c> for older entries (null: no more).</summary>
    public sealed record LedgerPage(IReadOnlyList<LedgerLine> Items, string? Next);

    private static async Task<IResult> ReadAsync(MemberRef member, string? cursor, string? limit, Caller caller, Access access, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (!IdRules.IsId(member.Id))
        {
            errors.Add("id", IdRules.IdMessage);
        }

        var (before, size) = Paging.Read("cursor", cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await access.MemberAsync(caller, member) is { } refused)
        {
            return refused;
        }

        var entries = await grains.Reference<ILedgerGrain>(0).ReadAsync(member.ToString(), before, size);
        return TypedResults.Ok(new LedgerPage(Lines(member.ToString(), entries), entries.Count == size ? Paging.Text(entries[^1].Seq) : null));
    }

    /// <summary>The member's latest <paramref name="count"/> entries as their wallet sees them (the kiosk's card shows them).</summary>
    public static async Task<IReadOnlyList<LedgerLine>> LatestAsync(IGrainFactory grains, MemberRef member, int count) =>
        Lines(member.ToString(), await grains.Reference<ILedgerGrain>(0).ReadAsync(member.ToString(), 0, count));

    /// <summary>Entries as the wallet of <paramref name="account"/> sees them (also a simulation's ledgers).</summary>
    internal static List<LedgerLine> Lines(string account, IEnumerable<LedgerEntry> entries) =>
        [.. entries.Select(e => new LedgerLine(
            e.Id, e.At, e.Kind, e.To == account ? e.Points : -e.Points, e.DealershipId, e.SourceEventId, e.Note, LineExplanation.Of(e.Explanation), e.Reverses))];
}
