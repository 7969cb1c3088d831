using Npgsql;
using Orleans.Serialization;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Silo.Postgres;

namespace Pitstop.Silo.Streams;

/// <summary>
/// The one writer of the event queue. An intake batch is admitted in one transaction: its events'
/// keys are stored (a conflict on (<c>source</c>, <c>id</c>) tells a new event from a duplicate),
/// reversals take their exclusive keys, and the new events are queued on their dealerships' streams
/// — so an event is either accepted, key and queue row, or not at all. A dead letter's retry goes
/// through the same writer flagged as already stored: its key exists, only its queue row is written.
/// Concurrent writes of a process share a round (<see cref="GroupCommit{TRequest,TResult}"/>): one
/// transaction for many requests.
/// </summary>
public sealed class EventQueueWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly QueuePartitions _partitions;
    private readonly Serializer<PostgresBatchContainer> _serializer;
    private readonly GroupCommit<QueueWrite, Admission> _rounds;

    internal EventQueueWriter(NpgsqlDataSource dataSource, QueuePartitions partitions, Serializer<PostgresBatchContainer> serializer, int maxWritesPerRound)
    {
        _dataSource = dataSource;
        _partitions = partitions;
        _serializer = serializer;
        _rounds = new GroupCommit<QueueWrite, Admission>(WriteRoundAsync, maxWritesPerRound);
    }

    /// <summary>
    /// Accepts the new events among <paramref name="events"/> (distinct keys): stores their keys and
    /// queues them, each dealership's in <c>occurredAt</c> order, in one transaction. An event with
    /// an exclusive key (a reversal's claim on its original) is accepted only if it holds that key.
    /// <paramref name="announce"/> is told the accepted events before they are committed, hence
    /// before any can be delivered. It runs inside the round that the node's other requests share,
    /// so it is given <see cref="Announcements.Bound"/>: a write whose announcement fails or takes
    /// longer is withdrawn from the round (nothing of it stored, <see cref="Admission.Unannounced"/>)
    /// and the others commit.
    /// </summary>
    public Task<Admission> AdmitAsync(IReadOnlyList<AdmittedEvent> events, Func<IReadOnlyList<DmsEvent>, Task>? announce) =>
        _rounds.SubmitAsync(new QueueWrite(events, announce, IntakeTracing.CarriedContext(), Stored: null));

    /// <summary>Queues a message whose events' keys are already stored (a dead letter retried).</summary>
    internal Task RequeueAsync(PostgresBatchContainer message) =>
        _rounds.SubmitAsync(new QueueWrite([], null, null, message));

    private async Task<IReadOnlyList<Admission>> WriteRoundAsync(IReadOnlyList<QueueWrite> writes, CancellationToken cancellation)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var round = new AdmissionRound(writes);
        if (round.Keys.Count > 0)
        {
            var stored = await EventKeyTable.StoreAsync(connection, transaction, round.Keys, cancellation);
            var claims = round.ClaimsOf(stored);
            var held = claims.Count == 0 ? [] : await EventKeyTable.ClaimAsync(connection, transaction, claims, cancellation);
            var refused = round.Settle(stored, held);
            if (refused.Count > 0)
            {
                await EventKeyTable.ForgetAsync(connection, transaction, refused, cancellation);
            }

            var unannounced = await Announcements.FailedAsync(writes.Select((w, i) => w.Announce is { } announce && round.Accepted[i].Count > 0
                ? () => announce(round.Accepted[i])
                : (Func<Task>?)null));
            if (unannounced.Count > 0)
            {
                await EventKeyTable.ForgetAsync(connection, transaction, round.Withdraw(unannounced), cancellation);
            }
        }

        var rows = writes.SelectMany((w, i) => w.Stored is { } message ? [message] : round.Messages(i, w.Context))
            .Select(m => (_partitions.Of(m.StreamId), _serializer.SerializeToArray(m)))
            .ToList();
        if (rows.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var statement in QueueTable.Append(rows))
            {
                batch.BatchCommands.Add(statement);
            }

            await batch.ExecuteNonQueryAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
        return round.Admissions();
    }

    public ValueTask DisposeAsync() => _rounds.DisposeAsync();

    private sealed record QueueWrite(IReadOnlyList<AdmittedEvent> Events, Func<IReadOnlyList<DmsEvent>, Task>? Announce, Dictionary<string, object>? Context, PostgresBatchContainer? Stored);

    /// <summary>
    /// Who gets what in a round of writes. A key carried by several writes of the round belongs to
    /// the first: the others meet a duplicate, as they would a round later. Likewise an exclusive
    /// key claimed by several new events goes to the first claim only.
    /// </summary>
    private sealed class AdmissionRound
    {
        private readonly IReadOnlyList<QueueWrite> _writes;
        private readonly Dictionary<EventKey, int> _owners = [];
        private HashSet<EventKey> _refused = [];
        private readonly HashSet<int> _withdrawn = [];

        public AdmissionRound(IReadOnlyList<QueueWrite> writes)
        {
            _writes = writes;
            for (var i = 0; i < writes.Count; i++)
            {
                foreach (var e in writes[i].Events)
                {
                    if (_owners.TryAdd(e.Event.Key, i))
                    {
                        Keys.Add(e.Event);
                    }
                }
            }

            Accepted = [.. writes.Select(_ => (IReadOnlyList<DmsEvent>)[])];
        }

        /// <summary>One event per key: the events whose keys the round stores.</summary>
        public List<DmsEvent> Keys { get; } = [];

        /// <summary>By write, its events accepted (once <see cref="Settle"/> has run).</summary>
        public IReadOnlyList<DmsEvent>[] Accepted { get; }

        public List<(EventKey Key, DmsEvent Claimant)> ClaimsOf(HashSet<EventKey> stored) =>
            [.. Owned().Where(e => e.Admitted.ExclusiveKey is not null && stored.Contains(e.Admitted.Event.Key))
                .DistinctBy(e => e.Admitted.ExclusiveKey)
                .Select(e => (e.Admitted.ExclusiveKey!.Value, e.Admitted.Event))];

        /// <summary>Decides each write's accepted events; returns the stored keys of the events refused.</summary>
        public HashSet<EventKey> Settle(HashSet<EventKey> stored, HashSet<EventKey> held)
        {
            var claimedBy = ClaimsOf(stored).ToDictionary(c => c.Key, c => c.Claimant.Key);
            _refused = [.. Owned()
                .Where(e => stored.Contains(e.Admitted.Event.Key) && e.Admitted.ExclusiveKey is { } exclusive
                    && !(held.Contains(exclusive) && claimedBy[exclusive] == e.Admitted.Event.Key))
                .Select(e => e.Admitted.Event.Key)];
            for (var i = 0; i < _writes.Count; i++)
            {
                Accepted[i] = [.. _writes[i].Events.Select(e => e.Event)
                    .Where(e => _owners[e.Key] == i && stored.Contains(e.Key) && !_refused.Contains(e.Key))];
            }

            return _refused;
        }

        /// <summary>
        /// Takes back the accepted events of <paramref name="writes"/>: returns the keys to forget, theirs
        /// and the exclusive keys they hold, so that the same events are new to the client's retry.
        /// A write of the round that carries one of their keys was told it is a duplicate of an event
        /// that is now not accepted (or refused a reversal whose claim is now let go): it is withdrawn
        /// too, or its client would be answered for what did not happen.
        /// </summary>
        public List<EventKey> Withdraw(IReadOnlySet<int> writes)
        {
            var pending = new Queue<int>(writes);
            var keys = new List<EventKey>();
            while (pending.TryDequeue(out var i))
            {
                if (!_withdrawn.Add(i))
                {
                    continue;
                }

                var owned = _writes[i].Events.Where(e => _owners[e.Event.Key] == i).ToList();
                var accepted = Accepted[i].Select(e => e.Key).ToHashSet();
                var held = owned.Where(e => accepted.Contains(e.Event.Key) && e.ExclusiveKey is not null).Select(e => e.ExclusiveKey!.Value).ToHashSet();
                keys.AddRange(accepted);
                keys.AddRange(held);
                Accepted[i] = [];
                for (var other = 0; other < _writes.Count; other++)
                {
                    if (!_withdrawn.Contains(other) && _writes[other].Events.Any(e => accepted.Contains(e.Event.Key) || (e.ExclusiveKey is { } claim && held.Contains(claim))))
                    {
                        pending.Enqueue(other);
                    }
                }
            }

            return keys;
        }

        /// <summary>A write's queue messages: one per dealership, its events in the order they occurred.</summary>
        public IEnumerable<PostgresBatchContainer> Messages(int write, Dictionary<string, object>? context) =>
            Accepted[write]
                .GroupBy(e => e.DealershipId, StringComparer.Ordinal)
                .Select(g => new PostgresBatchContainer
                {
                    StreamId = EventStreams.ForDealership(g.Key),
                    Events = [.. g.OrderBy(e => e.OccurredAt)],
                    RequestContext = context,
                });

        public IReadOnlyList<Admission> Admissions() =>
            [.. _writes.Select((w, i) => new Admission(
                Accepted[i].Select(e => e.Key).ToHashSet(),
                w.Events.Select(e => e.Event.Key).Where(k => _owners[k] == i && _refused.Contains(k)).ToHashSet(),
                Unannounced: _withdrawn.Contains(i)))];

        private IEnumerable<(int Write, AdmittedEvent Admitted)> Owned() =>
            _writes.SelectMany((w, i) => w.Events.Where(e => _owners[e.Event.Key] == i).Select(e => (i, e)));
    }
}

/// <summary>An event offered to the intake, with the exclusive key it must also hold to be accepted (a reversal's claim on its original).</summary>
public readonly record struct AdmittedEvent(DmsEvent Event, EventKey? ExclusiveKey);

/// <summary>
/// What became of a write's events: accepted (stored and queued), or refused for an exclusive key
/// another holds; the rest were duplicates. <paramref name="Unannounced"/>: the routers could not be
/// told to expect the new events in time, so none was accepted (the client should send them again).
/// </summary>
public sealed record Admission(IReadOnlySet<EventKey> Accepted, IReadOnlySet<EventKey> Refused, bool Unannounced = false);
