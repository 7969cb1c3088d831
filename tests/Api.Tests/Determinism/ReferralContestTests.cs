using System.Net;
using Pitstop.Api.Tests.Loyalty;
using Pitstop.Testing;

namespace Pitstop.Api.Tests.Determinism;

/// <summary>A referee converted twice: the first conversion in stream order is the rewarded one, whichever grain is quickest.</summary>
[Collection(ShuffledCollection.Name)]
public class ReferralContestTests(ShuffledEngine engine)
{
    private readonly HttpClient _http = engine.CreateClient();

    [Fact]
    public async Task Of_two_conversions_of_one_referee_in_one_batch_the_earlier_one_s_referrer_is_paid_even_when_the_later_one_s_referrer_asks_first()
    {
        var traffic = new Traffic(_http, "contest");
        await traffic.RegisterDealershipAsync();
        await traffic.FundBudgetAsync(1_000_000);
        // The referee and the earlier conversion's referrer take their events late; the later
        // conversion's referrer would reach the referral first.
        DelayedCalls.Delay(traffic.Customer(1), TimeSpan.FromMilliseconds(400));
        DelayedCalls.Delay(traffic.Customer(2), TimeSpan.FromMilliseconds(400));

        var response = await traffic.PostAsync(
            traffic.Referral("r-early", referrer: 1, referee: 2, minutesAgo: 20),
            traffic.Referral("r-late", referrer: 3, referee: 2, minutesAgo: 10));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.CustomerAfterAsync(traffic, 1, customer: 3)).Available().Should().Be(0, "the later conversion earns nobody anything");
        (await _http.CustomerAfterAsync(traffic, 1, customer: 1)).Available().Should().Be(5_000, "the earlier conversion's referrer is paid");
        (await _http.CustomerAfterAsync(traffic, 2, customer: 2)).Available().Should().Be(2_500, "the referee is rewarded once");
    }
}
