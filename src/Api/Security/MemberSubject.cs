using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Api.Security;

/// <summary>
/// The subject of a viewer's credential names a member with its kind, <c>customer:ID</c> or
/// <c>staff:ID</c> (the journal's account names): customer and staff ids are two namespaces, and a
/// bare id would make customer X-1 the owner of staff member X-1's wallet.
/// </summary>
public static class MemberSubject
{
    public const string Rule = "A viewer's token names the member it is for with its kind: its sub claim is customer:<id> or staff:<id>.";

    /// <summary>The member a viewer's subject names, or null when it names no kind (or no valid id).</summary>
    public static MemberRef? Of(string subject) =>
        MemberRef.TryParse(subject, out var member) && IdRules.IsId(member.Id) ? member : null;
}
