using Pitstop.Api.Intake;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Intake;

public class ReversalChecksTests
{
    private static readonly EventKey Original = new("dms", "evt-1");

    private readonly InMemoryEventKeyStore _store = new();

    private static DmsEvent Reversal(string id, string dealershipId = "DLR-MH-001") =>
        new("dms", id, EventJson.Now, dealershipId, new TransactionReversed(Original.Source, Original.Id, "invoice cancelled"));

    private async Task<(List<(int Index, DmsEvent Event)> Events, List<RejectedEvent> Rejected)> CheckAsync(DmsEvent reversal)
    {
        var rejected = new List<RejectedEvent>();
        var (events, _) = await new ReversalChecks(_store).CheckAsync([(0, reversal)], rejected, CancellationToken.None);
        return (events, rejected);
    }

    [Fact]
    public async Task A_reversal_not_yet_published_holds_the_original_against_any_other_reversal_but_its_own_retry()
    {
        await _store.MarkPublishedAsync([new PublishedKey(Original, "DLR-MH-001")], CancellationToken.None);
        (await CheckAsync(Reversal("undo-1"))).Events.Should().ContainSingle();

        var other = await CheckAsync(Reversal("undo-2"));
        var retry = await CheckAsync(Reversal("undo-1"));

        other.Events.Should().BeEmpty("the first reversal's claim is not handed to a second one while it is being published");
        other.Rejected.Should().ContainSingle().Which.Errors["data.originalId"].Should().Equal("names an event that is already reversed");
        retry.Events.Should().ContainSingle("the first reversal, retried after a crash before publishing, takes its own claim over");
    }

    [Fact]
    public async Task A_reversal_naming_another_dealership_is_refused_naming_dealershipId_and_claims_nothing()
    {
        await _store.MarkPublishedAsync([new PublishedKey(Original, "DLR-MH-001")], CancellationToken.None);

        var wrong = await CheckAsync(Reversal("undo-ka", "DLR-KA-001"));
        var right = await CheckAsync(Reversal("undo-mh"));

        wrong.Events.Should().BeEmpty();
        wrong.Rejected.Should().ContainSingle().Which.Errors.Should().ContainKey("dealershipId");
        right.Events.Should().ContainSingle();
    }

    [Fact]
    public async Task Of_many_claims_by_different_reversals_raced_at_once_exactly_one_holds_the_key()
    {
        var key = ReversalChecks.ReversalKeyOf(new TransactionReversed(Original.Source, Original.Id, "x"));
        using var start = new Barrier(4);

        var held = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await _store.ClaimExclusiveAsync([new ExclusiveClaim(key, new EventKey("dms", $"undo-{i}"))], CancellationToken.None);
        })));

        held.Count(h => h.Contains(key)).Should().Be(1);
    }
}
