using System.Diagnostics;

namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>
/// One trace per intake batch, across the API, the stream and the grains: the API's span of the
/// batch rides with its stream messages (in the request context a queue message carries), the
/// dealership's router opens its delivery as a child of it, and Orleans' activity propagation
/// makes the grain calls of the delivery children in turn.
/// </summary>
public static class IntakeTracing
{
    public const string SourceName = "Pitstop.Intake";

    // Not Orleans' own "traceparent": that key is rewritten by every traced grain call, the pulling
    // agent's call that delivers the message to the router included.
    private const string ParentKey = "pitstop.traceparent";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// The span of a batch being put on the streams; what is published while it is current (in
    /// the same async flow) carries it.
    /// </summary>
    public static Activity? StartPublish(int events)
    {
        var activity = Source.StartActivity("intake publish", ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag("pitstop.events", events);
            RequestContext.Set(ParentKey, activity.Id!);
        }

        return activity;
    }

    /// <summary>
    /// The request context a queue message written in the current async flow carries: the batch's
    /// span, set by <see cref="StartPublish"/>, or nothing.
    /// </summary>
    public static Dictionary<string, object>? CarriedContext() =>
        RequestContext.Get(ParentKey) is string parent ? new Dictionary<string, object> { [ParentKey] = parent } : null;

    /// <summary>
    /// The router's span of a delivery, a child of the batch that published its first message: a
    /// delivery of a backlog holds several batches' messages but can have one parent only.
    /// </summary>
    public static Activity? StartDelivery(string dealershipId, int events)
    {
        var activity = RequestContext.Get(ParentKey) is string parent && ActivityContext.TryParse(parent, null, out var context)
            ? Source.StartActivity("intake deliver", ActivityKind.Consumer, context)
            : Source.StartActivity("intake deliver", ActivityKind.Consumer);
        activity?.SetTag("pitstop.dealership", dealershipId);
        activity?.SetTag("pitstop.events", events);
        return activity;
    }
}
