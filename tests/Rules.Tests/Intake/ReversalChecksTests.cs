using Pitstop.Api.Intake;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Intake;

public class ReversalChecksTests
{
    private static readonly EventKey Original = new("dms", "evt-1");

    private readonly InMemoryEventKeyStore _store = new();

    private static DmsEvent Reversal(string id, string dealershipId = "DLR-MH-001") =>
        new("dms", id, EventJson.Now, dealershipId, new TransactionReversed(Original.Source, Original.Id, "invoice cancelled"));

    private async Task<(List<(int Index, DmsEvent Event)> Events, List<RejectedEvent> Rejected)> CheckAsync(params DmsEvent[] reversals)
    {
        var rejected = new List<RejectedEvent>();
        var events = await new ReversalChecks(_store).CheckAsync([.. reversals.Select((r, i) => (i, r))], rejected, CancellationToken.None);
        return (events, rejected);
    }

    [Fact]
    public async Task A_reversal_of_an_event_never_accepted_is_refused_naming_data_originalId()
    {
        var unknown = await CheckAsync(Reversal("undo-1"));

        unknown.Events.Should().BeEmpty();
        unknown.Rejected.Should().ContainSingle().Which.Errors["data.originalId"].Should().Equal("names no event accepted from that source");
    }

    [Fact]
    public async Task A_reversal_naming_another_dealership_is_refused_naming_dealershipId_and_claims_nothing()
    {
        _store.MarkPublished([new PublishedKey(Original, "DLR-MH-001")]);

        var wrong = await CheckAsync(Reversal("undo-ka", "DLR-KA-001"));
        var right = await CheckAsync(Reversal("undo-mh"));

        wrong.Events.Should().BeEmpty();
        wrong.Rejected.Should().ContainSingle().Which.Errors.Should().ContainKey("dealershipId");
        right.Events.Should().ContainSingle();
        _store.ClaimExclusive([new ExclusiveClaim(ReversalChecks.ExclusiveKeyOf(Reversal("undo-mh"))!.Value, new EventKey("dms", "undo-mh"))])
            .Should().ContainSingle("the refused reversal claimed nothing");
    }

    [Fact]
    public async Task Two_reversals_of_one_original_in_a_batch_both_pass_the_checks_for_acceptance_to_pick_the_first()
    {
        _store.MarkPublished([new PublishedKey(Original, "DLR-MH-001")]);

        var (events, rejected) = await CheckAsync(Reversal("undo-1"), Reversal("undo-2"));

        events.Select(e => e.Event.Id).Should().Equal("undo-1", "undo-2");
        rejected.Should().BeEmpty();
    }

    [Fact]
    public void Only_reversals_have_an_exclusive_key_and_it_names_their_original()
    {
        ReversalChecks.ExclusiveKeyOf(Reversal("undo-1")).Should().Be(new EventKey("~reversal", "dms:evt-1"));
        var visit = new VisitCompleted("JC-1", "C-1", "VIN1", VehicleClass.Mid, VisitKind.Repair, "S-A1", [], EventJson.Now, EventJson.Now, true, false, true, 0m);
        ReversalChecks.ExclusiveKeyOf(new DmsEvent("dms", "v-1", EventJson.Now, "DLR-MH-001", visit)).Should().BeNull();
    }

    [Fact]
    public void An_unpublished_exclusive_claim_holds_against_any_other_claimant_but_is_retaken_by_its_own()
    {
        var key = ReversalChecks.ReversalKeyOf(new TransactionReversed(Original.Source, Original.Id, "x"));
        _store.ClaimExclusive([new ExclusiveClaim(key, new EventKey("dms", "undo-1"))]).Should().Contain(key);

        _store.ClaimExclusive([new ExclusiveClaim(key, new EventKey("dms", "undo-2"))]).Should().BeEmpty();
        _store.ClaimExclusive([new ExclusiveClaim(key, new EventKey("dms", "undo-1"))]).Should().Contain(key, "the first claimant's retry after a failed publish takes its claim over");
    }

    [Fact]
    public async Task Of_many_claims_by_different_reversals_raced_at_once_exactly_one_holds_the_key()
    {
        var key = ReversalChecks.ReversalKeyOf(new TransactionReversed(Original.Source, Original.Id, "x"));
        using var start = new Barrier(4);

        var held = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return _store.ClaimExclusive([new ExclusiveClaim(key, new EventKey("dms", $"undo-{i}"))]);
        })));

        held.Count(h => h.Contains(key)).Should().Be(1);
    }
}
