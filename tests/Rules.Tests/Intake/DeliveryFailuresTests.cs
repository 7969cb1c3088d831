using System.Net.Sockets;
using Npgsql;
using Pitstop.Grains.Intake;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Intake;

public class DeliveryFailuresTests
{
    private static readonly EventKey Head = new("dms", "e-1");

    [Fact]
    public void A_database_that_cannot_be_reached_is_transient_even_wrapped_by_orleans_and_aggregated()
    {
        var unreachable = new NpgsqlException("connection refused", new SocketException((int)SocketError.ConnectionRefused));

        DeliveryFailures.IsTransient(unreachable).Should().BeTrue();
        DeliveryFailures.IsTransient(new AggregateException(new OrleansException("storage write failed", unreachable))).Should().BeTrue();
        DeliveryFailures.IsTransient(new TimeoutException()).Should().BeTrue();
    }

    [Fact]
    public void A_rule_that_throws_or_a_value_storage_refuses_is_not_transient()
    {
        DeliveryFailures.IsTransient(new OverflowException()).Should().BeFalse();
        DeliveryFailures.IsTransient(new OrleansException("storage write failed", new PostgresException("invalid byte sequence", "ERROR", "ERROR", "22021"))).Should().BeFalse();
        DeliveryFailures.IsTransient(new InvalidOperationException("bug")).Should().BeFalse();
    }

    [Fact]
    public void A_chunk_is_isolated_after_the_configured_failures_in_a_row_that_waiting_cannot_cure()
    {
        var failed = new FailedDeliveries(maxAttempts: 3);

        failed.Failed(Head, new OverflowException());
        failed.Failed(Head, new TimeoutException());
        failed.Failed(Head, new OverflowException());
        failed.MustIsolate(Head).Should().BeFalse("a transient failure does not count");
        failed.Failed(Head, new OverflowException());

        failed.MustIsolate(Head).Should().BeTrue();
        failed.FailuresOf(Head).Should().Be(3);
    }

    [Fact]
    public void Another_chunk_starts_counting_afresh_and_a_delivered_chunk_is_forgotten()
    {
        var failed = new FailedDeliveries(maxAttempts: 2);
        failed.Failed(Head, new OverflowException());
        failed.Failed(Head, new OverflowException());

        failed.FailuresOf(new EventKey("dms", "e-2")).Should().Be(0);
        failed.Delivered(Head);

        failed.MustIsolate(Head).Should().BeFalse();
    }
}
