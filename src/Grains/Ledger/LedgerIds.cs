using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// The ids of transfers (awards, top-ups), of the journal entries grains write, and of the causes
/// an award names. Each is a persisted idempotency key: a budget recognises a replayed award, the
/// journal a repeated append, a wallet a repeated reversal, by it. A format here must therefore
/// never change (LedgerIdsTests pins each one): an award asked again under a new id is paid twice.
/// </summary>
public static class LedgerIds
{
    /// <summary>What an event's awards name as their cause, and what reversing the event looks for: "dms:E-1".</summary>
    public static string EventCause(EventKey e) => $"{e.Source}:{e.Id}";

    /// <summary>The award an event causes a member: "dms:E-1:customer:C-1".</summary>
    public static string EventTransfer(EventKey e, MemberRef member) => Transfer(EventCause(e), member);

    /// <summary>The cause of a spot award: "spot:G-1~key".</summary>
    public static string SpotCause(string awardId) => $"spot:{awardId}";

    public static string SpotTransfer(string awardId, MemberRef member) => Transfer(SpotCause(awardId), member);

    /// <summary>A spot award's id: its giver and the giver's idempotency key ("G-1~key").</summary>
    public static string SpotAward(string giverId, string idempotencyKey) => $"{giverId}~{idempotencyKey}";

    /// <summary>The cause of a challenge's bonus, once a month: "challenge:on-time-4:2026-11".</summary>
    public static string ChallengeCause(string challengeId, string month) => $"challenge:{challengeId}:{month}";

    public static string ChallengeTransfer(string challengeId, string month, MemberRef member) => Transfer(ChallengeCause(challengeId, month), member);

    /// <summary>The cause of a service recovery: the incident, not the event that opened it ("recovery:delay:JC-1").</summary>
    public static string RecoveryCause(string incidentId) => $"recovery:{incidentId}";

    public static string RecoveryTransfer(string incidentId, MemberRef member) => Transfer(RecoveryCause(incidentId), member);

    /// <summary>The <paramref name="number"/>th auto top-up of a budget's month: "auto:D-1:2026-11:1".</summary>
    public static string AutoTopUp(string dealershipId, string month, int number) => $"auto:{dealershipId}:{month}:{number}";

    /// <summary>An admin top-up, by its idempotency key: "top-up:D-1:key".</summary>
    public static string TopUp(string dealershipId, string idempotencyKey) => $"top-up:{dealershipId}:{idempotencyKey}";

    /// <summary>The journal entry of a mint, by its idempotency key: "mint:key".</summary>
    public static string Mint(string idempotencyKey) => $"mint:{idempotencyKey}";

    /// <summary>The journal entry that takes a reversed award back to its budget: "reversal:{transfer}".</summary>
    public static string Reversal(string transferId) => $"reversal:{transferId}";

    /// <summary>The journal entry that gives a cancelled redemption's points back: "refund:{redemption}".</summary>
    public static string Refund(string redemptionId) => $"refund:{redemptionId}";

    /// <summary>A member's <paramref name="number"/>th expiry entry: "expiry:customer:C-1:3".</summary>
    public static string Expiry(MemberRef member, int number) => $"expiry:{member}:{number}";

    /// <summary>The zero-point entry of an award the rules refused (a second referral of a referee): "ignored:{transfer}".</summary>
    public static string Ignored(string transferId) => $"ignored:{transferId}";

    /// <summary>The return of zero-defect points a defect cancelled, journalled and credited to the budget once: "cancel:{transfer}".</summary>
    public static string Cancellation(string transferId) => $"cancel:{transferId}";

    // An award's transfer id is its cause and its member: one cause pays each member once.
    private static string Transfer(string cause, MemberRef member) => $"{cause}:{member}";
}
