using Pitstop.Api.Intake;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Intake;

/// <summary>
/// The embedded door publishes each key once: an event published twice would reach its grains at a
/// second stream position, which their offsets do not cover.
/// </summary>
public class InMemoryEventKeyStoreTests
{
    private static readonly EventKey First = new("dms", "k-1");
    private static readonly EventKey Second = new("dms", "k-2");

    private readonly InMemoryEventKeyStore _store = new();

    [Fact]
    public void Of_two_requests_claiming_a_new_key_one_holds_it()
    {
        var (one, other) = (new object(), new object());

        _store.Claim([First], one).Should().Equal(First);
        _store.Claim([First], other).Should().BeEmpty("the first request publishes it");
        _store.Claim([First], one).Should().ContainSingle("its holder still does").Which.Should().Be(First);
    }

    [Fact]
    public void A_request_whose_publish_failed_gives_back_what_it_did_not_publish_for_a_later_one_to_claim()
    {
        var (failed, later) = (new object(), new object());
        _store.Claim([First, Second], failed);
        _store.MarkPublished([new PublishedKey(First, "DLR-1")]);

        _store.Release([First, Second], failed);

        _store.Claim([First, Second], later).Should().Equal(Second);
    }

    [Fact]
    public void Only_the_holder_gives_a_key_back()
    {
        var (holder, other) = (new object(), new object());
        _store.Claim([First], holder);

        _store.Release([First], other);

        _store.Claim([First], new object()).Should().BeEmpty();
    }
}
