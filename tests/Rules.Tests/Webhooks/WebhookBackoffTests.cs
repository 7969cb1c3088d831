using Pitstop.Grains.Webhooks;

namespace Pitstop.Rules.Tests.Webhooks;

public class WebhookBackoffTests
{
    [Fact]
    public void The_wait_doubles_from_one_second_up_to_ten_minutes()
    {
        Enumerable.Range(1, 11).Select(WebhookBackoff.Delay).Select(d => d.TotalSeconds)
            .Should().Equal(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600);
    }

    [Fact]
    public void A_receiver_that_keeps_failing_is_tried_every_ten_minutes_for_more_than_a_day()
    {
        WebhookBackoff.Delay(10_000).Should().Be(TimeSpan.FromMinutes(10));
        WebhookBackoff.Delay(int.MaxValue).Should().Be(TimeSpan.FromMinutes(10));

        // Never giving up: the attempts of 24 h are all spaced by at most the cap.
        var waited = TimeSpan.Zero;
        var failures = 0;
        while (waited < TimeSpan.FromHours(24))
        {
            waited += WebhookBackoff.Delay(++failures);
        }

        // Ten rising waits (17 min), then one try every 10 minutes for the rest of the day.
        failures.Should().Be(10 + 143);
    }
}
