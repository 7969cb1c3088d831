using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger;

namespace Pitstop.Rules.Tests.Ledger;

/// <summary>
/// Transfer, cause and entry ids are persisted idempotency keys: each expected string here is what
/// the engine has stored so far, and must never change.
/// </summary>
public class LedgerIdsTests
{
    private static readonly EventKey Visit = new("dms", "E-1");
    private static readonly MemberRef Customer = new(MemberKind.Customer, "C-1");
    private static readonly MemberRef Staff = new(MemberKind.Staff, "S-1");

    [Fact]
    public void An_event_causes_awards_under_its_key_and_pays_each_member_once()
    {
        LedgerIds.EventCause(Visit).Should().Be("dms:E-1");
        LedgerIds.EventTransfer(Visit, Customer).Should().Be("dms:E-1:customer:C-1");
        LedgerIds.EventTransfer(Visit, Staff).Should().Be("dms:E-1:staff:S-1");
    }

    [Fact]
    public void Awards_no_event_causes_keep_their_formats()
    {
        LedgerIds.SpotAward("G-1", "key-1").Should().Be("G-1~key-1");
        LedgerIds.SpotCause("G-1~key-1").Should().Be("spot:G-1~key-1");
        LedgerIds.SpotTransfer("G-1~key-1", Staff).Should().Be("spot:G-1~key-1:staff:S-1");
        LedgerIds.ChallengeCause("on-time-4", "2026-11").Should().Be("challenge:on-time-4:2026-11");
        LedgerIds.ChallengeTransfer("on-time-4", "2026-11", Staff).Should().Be("challenge:on-time-4:2026-11:staff:S-1");
        LedgerIds.RecoveryCause("delay:JC-1").Should().Be("recovery:delay:JC-1");
        LedgerIds.RecoveryTransfer("delay:JC-1", Customer).Should().Be("recovery:delay:JC-1:customer:C-1");
    }

    [Fact]
    public void Top_ups_and_mints_keep_their_formats()
    {
        LedgerIds.AutoTopUp("DLR-1", "2026-11", 2).Should().Be("auto:DLR-1:2026-11:2");
        LedgerIds.TopUp("DLR-1", "key-1").Should().Be("top-up:DLR-1:key-1");
        LedgerIds.Mint("key-1").Should().Be("mint:key-1");
    }

    [Fact]
    public void Entries_members_write_keep_their_formats()
    {
        const string transfer = "dms:E-1:customer:C-1";
        LedgerIds.Reversal(transfer).Should().Be("reversal:dms:E-1:customer:C-1");
        LedgerIds.Refund("RD~customer~C-1~key").Should().Be("refund:RD~customer~C-1~key");
        LedgerIds.Expiry(Customer, 3).Should().Be("expiry:customer:C-1:3");
        LedgerIds.Ignored(transfer).Should().Be("ignored:dms:E-1:customer:C-1");
        LedgerIds.Cancellation("dms:E-1:staff:S-1").Should().Be("cancel:dms:E-1:staff:S-1");
    }
}
