using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Recovery;

namespace Pitstop.Rules.Tests.Compatibility;

/// <summary>
/// States stored before they were bounded must read and then shrink. Written by main's engine at
/// commit 1d4e1aa with Orleans' serializer: a desk holding a settled complaint (recovered, day 7
/// completed, both follow-ups and the promise checked) beside a delay still waiting on its promise,
/// and a loyalty month that kept the keys of its two tallies (an upgrade and a dining redemption).
/// </summary>
public class EarlierBoundedStatesTests
{
    private const string DeskKeepingEverything =
        "ICABBUEfY29tcGxhaW50OkNNUC0xIOjACQkDCQkDAQkDCUEHQy0xQQtETFItMSGAANBpwaIf3wiBADy4GS4AAADgIYAAoPKEsx/fCIEAPLgZLgAAAOAhgAAIt+a7H98IgQA8uBkuAAAA4AFCnAEZASUBAzEB/bq470dSZWFkT25seUxpc3RJbnRlcmZhY2VDb2RlY2AxW1tpbnRdXQADAR3gCQMBAUIfAQHgQBVkZWxheTpKQy0yIOjAPwkDAQkDBQkDBUEHQy0ywRchgADQ72ERP98IgQA8uBkuAAAA4CGAADi0wxk/3wiBADy4GS4AAADgwQEBhKkDwQHBAQEBKTPgwQEBAQEB4OAhAQNBHXNsYTpkZWxheTpKQy0yIOjAPwEBIYAA+B3u4j/fCIEAPLgZLgAAAODg4CEBB0Enc2xhOmNvbXBsYWludDpDTVAtMUA3Zm9sbG93LXVwOmNvbXBsYWludDpDTVAtMTo3QDlmb2xsb3ctdXA6Y29tcGxhaW50OkNNUC0xOjMw4AEDISDgIeAh4ODg";

    private const string LoyaltyMonthKeepingKeys =
        "ICAgMAExLNQuHVN0cmluZ0NvbXBhcmVyAAMBAeABBUFbdXBncmFkZTpDLTE6MjAyNi0xMS0wM1QxMDowMDowMC4wMDAwMDAwKzAwOjAwQCVyZWRlbXB0aW9uOkMtMjpSLTHgIQEDCQMFAAXgIeAh4CEBAwkDASDoAAUBgj7g4AEBAQEBAeDg";

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(RecoveryDeskState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static T Read<T>(string payload) => Serializer.Deserialize<T>(Convert.FromBase64String(payload))!;

    [Fact]
    public void A_desk_stored_with_every_incident_hands_its_settled_ones_over_and_keeps_the_one_waiting()
    {
        var state = Read<RecoveryDeskState>(DeskKeepingEverything);
        var desk = new RecoveryDesk(state, new RecoveryRules(new RecoveryOptions()));

        var settled = desk.TakeSettled();

        settled.Select(i => (i.IncidentId, i.Status, i.NpsAfter, i.PointsRedeemed)).Should().Equal(("complaint:CMP-1", IncidentStatus.Recovered, (int?)9, 1_000L));
        state.Incidents.Keys.Should().Equal("delay:JC-2");
        state.Due.Keys.Should().Equal("sla:delay:JC-2");
        state.Done.Should().BeEmpty("the settled complaint's checks left with it");
        state.ArchivedMonths.Should().BeEmpty("nothing was archived yet");
        desk.Holds("complaint:CMP-1").Should().BeFalse();
    }

    [Fact]
    public void A_loyalty_month_stored_with_keys_reads_its_figures_and_still_counts_a_resend_once()
    {
        var counts = Read<LoyaltyMonthState>(LoyaltyMonthKeepingKeys).Counts;

        counts.Count(new LoyaltyTally("upgrade:C-1:2026-11-03T10:00:00.0000000+00:00", "DLR-1", "2026-11", LoyaltyTallyKind.TierUpgrade, Tier.Gold))
            .Should().BeFalse("the upgrade was counted before the month kept digests");
        counts.Count(new LoyaltyTally("upgrade:C-3:2026-11-04T10:00:00.0000000+00:00", "DLR-1", "2026-11", LoyaltyTallyKind.TierUpgrade, Tier.Gold)).Should().BeTrue();

        var month = counts.ToView();
        month.Upgrades.Should().BeEquivalentTo(new Dictionary<Tier, long> { [Tier.Gold] = 2 });
        month.Redemptions.Should().BeEquivalentTo(new Dictionary<RewardCategory, CategoryRedemptions> { [RewardCategory.Dining] = new(1, 2_000) });
        counts.CountedStoredEarlier.Should().BeEmpty();
        counts.CountedDigests.Should().HaveCount(3);
    }
}
