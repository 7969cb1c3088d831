using System.Collections.Concurrent;

namespace Pitstop.Grains.Tests;

/// <summary>
/// Lets a test wait for a call it does not make: one a grain makes to another outside the test's
/// own call (a budget's outbox handing a member its reversal, a review day asking a customer),
/// done once the target has answered it. The test arms the target and method before the call is
/// made, then awaits <see cref="AnsweredCall.AnsweredAsync"/>. A held call's answer goes back to
/// its caller only once the test lets it go (<see cref="AnsweredCall.Release"/>), so that the test
/// acts between the answer and what the caller does with it.
/// </summary>
public sealed class AnsweredCalls : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(GrainId Target, string Method), AnsweredCall> Armed = new();

    public static AnsweredCall Arm(GrainId target, string method, bool hold = false) =>
        Armed[(target, method)] = new AnsweredCall(hold);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!Armed.TryRemove((context.TargetId, context.InterfaceMethod.Name), out var call))
        {
            await context.Invoke();
            return;
        }

        try
        {
            await context.Invoke();
        }
        catch (Exception ex)
        {
            call.Failed(ex);
            throw;
        }

        await call.AnsweredThenReleasedAsync();
    }
}

/// <summary>One armed call (see <see cref="AnsweredCalls"/>).</summary>
public sealed class AnsweredCall(bool hold)
{
    // Only a bound for a call that is never made: the test fails instead of hanging.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(25);

    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the target has answered the call (and fails as it failed).</summary>
    public Task AnsweredAsync() => _answered.Task.WaitAsync(Bound);

    /// <summary>Lets a held answer go back to its caller.</summary>
    public void Release() => _released.TrySetResult();

    internal void Failed(Exception ex) => _answered.TrySetException(ex);

    internal Task AnsweredThenReleasedAsync()
    {
        _answered.TrySetResult();
        return hold ? _released.Task.WaitAsync(Bound) : Task.CompletedTask;
    }
}
