using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Pitstop.Silo.Streams;

/// <summary>
/// One row of the queue table: the events one producer call put on one stream. The sequence token
/// and lease are not serialized; they come from the row when it is read.
/// </summary>
[GenerateSerializer, Alias("pitstop.PostgresBatchContainer")]
public sealed class PostgresBatchContainer : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; init; }

    [Id(1)]
    public List<object> Events { get; init; } = [];

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; init; }

    [field: NonSerialized]
    public EventSequenceTokenV2 Token { get; set; } = new(0);

    /// <summary>The lease under which this copy was read; delivery deletes only this lease.</summary>
    [field: NonSerialized]
    public int DequeueCount { get; set; }

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.OfType<T>().Select((e, i) => Tuple.Create<T, StreamSequenceToken>(e, Token.CreateSequenceTokenForEvent(i)));

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }
}
