using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Pitstop.Silo.Streams;

/// <summary>
/// A persistent stream provider whose queue is a PostgreSQL table, so that an event acknowledged
/// by the intake survives the loss of any process. Registered on silos, which pull it; the intake
/// writes to it through <see cref="EventQueueWriter"/>.
/// </summary>
public sealed class PostgresQueueAdapterFactory : IQueueAdapterFactory, IAsyncDisposable
{
    private readonly QueuePartitions _partitions;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly NpgsqlDataSource _dataSource;
    private readonly EventQueueWriter _writer;
    private readonly PostgresQueueAdapter _adapter;

    private PostgresQueueAdapterFactory(
        string name,
        PostgresStreamOptions options,
        SimpleQueueCacheOptions cacheOptions,
        Serializer<PostgresBatchContainer> serializer,
        ILoggerFactory loggerFactory,
        Lazy<string> reader)
    {
        _partitions = new QueuePartitions(name, options.QueueCount);
        _cache = new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _writer = new EventQueueWriter(_dataSource, _partitions, serializer, options.MaxWriteBatch);
        _adapter = new PostgresQueueAdapter(name, _partitions, _writer, new QueueTable(_dataSource), serializer, options, reader);
    }

    public static PostgresQueueAdapterFactory Create(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name),
        services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name),
        services.GetRequiredService<Serializer<PostgresBatchContainer>>(),
        services.GetRequiredService<ILoggerFactory>(),
        // The silo that advanced a partition's cursor last, for whoever looks at the table.
        new Lazy<string>(() => services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString()));

    /// <summary>The intake's writer in an API node (a client): the same partitions as the silos' agents read.</summary>
    public static EventQueueWriter CreateWriter(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name);
        return new EventQueueWriter(
            services.GetRequiredService<NpgsqlDataSource>(),
            new QueuePartitions(name, options.QueueCount),
            services.GetRequiredService<Serializer<PostgresBatchContainer>>(),
            options.MaxWriteBatch);
    }

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(_adapter);

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _partitions.Mapper;

    // Never give up on a message: a consumer that keeps failing (storage down) holds its stream
    // back; it does not let the agent skip the message.
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler(faultOnError: false));

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
