using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Pitstop.Silo.Streams;

/// <summary>
/// One row of the queue table: a write's events of one stream (one dealership's events of an intake
/// batch, or a retried dead letter). The sequence token is not serialized; it is the row's.
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
