using System.Data.Common;
using System.Net.Sockets;

namespace Pitstop.Grains.Intake;

/// <summary>
/// Tells a failure that waiting cures (storage or a silo unreachable, a timeout) from one that
/// applying the same events again will meet again (a rule that throws, a value storage refuses).
/// Only the second kind counts towards moving an event aside: while the database is down, events
/// wait, however long, and none is dead-lettered.
/// </summary>
public static class DeliveryFailures
{
    public static bool IsTransient(Exception failure) => Causes(failure).Any(IsTransientCause);

    private static bool IsTransientCause(Exception cause) => cause switch
    {
        // Npgsql marks connection, I/O and timeout failures transient; a refused value is not.
        DbException db => db.IsTransient,
        TimeoutException or SocketException or IOException or OperationCanceledException => true,
        // Orleans' own: a silo gone or shutting down, a message that could not be delivered.
        SiloUnavailableException or OrleansMessageRejectionException or ClientNotAvailableException => true,
        _ => false,
    };

    // The failure and everything it wraps: Orleans wraps storage failures, Task.WhenAll aggregates.
    private static IEnumerable<Exception> Causes(Exception failure)
    {
        var pending = new Stack<Exception>([failure]);
        while (pending.TryPop(out var cause))
        {
            yield return cause;
            if (cause is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (cause.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
