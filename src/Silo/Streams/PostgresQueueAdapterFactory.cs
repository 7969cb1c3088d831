using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using Pitstop.Silo.Postgres;

namespace Pitstop.Silo.Streams;

/// <summary>
/// A persistent stream provider whose queue is a PostgreSQL table, so that an event acknowledged
/// by the intake survives the loss of any process. Registered on silos (to pull) and on the API
/// client (to produce) under the same name.
/// </summary>
public sealed class PostgresQueueAdapterFactory : IQueueAdapterFactory, IAsyncDisposable
{
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<(int Queue, byte[] Payload), bool> _writer;
    private readonly PostgresQueueAdapter _adapter;

    private PostgresQueueAdapterFactory(
        string name,
        PostgresStreamOptions options,
        SimpleQueueCacheOptions cacheOptions,
        Serializer<PostgresBatchContainer> serializer,
        ILoggerFactory loggerFactory,
        Lazy<QueueLeaseHolders> holders)
    {
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        _cache = new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        var table = new QueueTable(_dataSource);
        // Every producer call of this process (one per stream per intake batch) joins the next insert.
        _writer = new GroupCommit<(int Queue, byte[] Payload), bool>(table.InsertAsync, options.MaxWriteBatch);
        _adapter = new PostgresQueueAdapter(name, _mapper, _writer, table, serializer, options, holders);
    }

    public static PostgresQueueAdapterFactory Create(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name),
        services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name),
        services.GetRequiredService<Serializer<PostgresBatchContainer>>(),
        services.GetRequiredService<ILoggerFactory>(),
        // Only silos read the queue (the API client only produces, and has no membership).
        new Lazy<QueueLeaseHolders>(() => QueueLeaseHolders.Of(
            services.GetRequiredService<ILocalSiloDetails>(), services.GetRequiredService<IClusterMembershipService>())));

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(_adapter);

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

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
