using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Outbox;

namespace Pitstop.Rules.Tests.Outbox;

/// <summary>
/// The tests wait on facts, not time: without a synchronization context, and with gates that run
/// their continuations inline, opening a gate returns only once the dispatch it held has finished.
/// </summary>
public sealed class OutboxDispatchTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly DurableOutbox _outbox = new();
    private readonly InMemoryLedgerJournal _journal = new();
    private readonly List<(string Target, List<Delivery> Items)> _sent = [];
    private TaskCompletionSource _gate = new();

    public OutboxDispatchTests() => _gate.SetResult();

    private static IncidentNoticeDelivery Notice(string incidentId, string jobCardId) =>
        new(incidentId, new CustomerNotice(CustomerNoticeKind.Visit, DateTimeOffset.UnixEpoch, jobCardId));

    private OutboxDispatch Dispatch(List<IReadOnlyList<Delivery>>? taken = null) => Dispatch(async (target, items) =>
    {
        _sent.Add((target, [.. items]));
        await _gate.Task.ConfigureAwait(false);
    }, taken);

    private OutboxDispatch Dispatch(Func<string, IReadOnlyList<Delivery>, Task> deliver, List<IReadOnlyList<Delivery>>? taken = null, TimeSpan? retryAfter = null)
    {
        // Set in the test's own context (xunit installs one per test, after the constructor).
        SynchronizationContext.SetSynchronizationContext(null);
        return new(
            new RecordsSender(new InMemoryNotificationFeed(), _journal, new PointsMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>())),
            NullLogger.Instance, "customer/C-1", () => _outbox, deliver, items => taken?.Add(items), retryAfter);
    }

    [Fact]
    public async Task A_failed_delivery_is_sent_again_after_a_pause_without_waiting_for_another_write()
    {
        var attempts = 0;
        var taken = new List<IReadOnlyList<Delivery>>();
        // No pause: the retry runs inline, so the write's return finds it done.
        var dispatch = Dispatch(
            (target, items) => ++attempts == 1 ? Task.FromException(new TimeoutException("the board's silo is stopping")) : Task.CompletedTask,
            taken,
            retryAfter: TimeSpan.Zero);
        _outbox.Put(Notice("defect:JC-1", "JC-2"));

        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);

        attempts.Should().Be(2);
        taken.Should().ContainSingle();
        _outbox.Deliveries.Should().BeEmpty();
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_stops_being_retried_and_waits_for_the_next_write()
    {
        var attempts = 0;
        var dispatch = Dispatch((target, items) =>
        {
            attempts++;
            return Task.FromException(new TimeoutException("the target is gone"));
        }, retryAfter: TimeSpan.Zero);
        _outbox.Put(Notice("defect:JC-1", "JC-2"));

        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);

        attempts.Should().Be(9, "the first send and eight paused retries");
        _outbox.Deliveries.Should().ContainSingle("it stays in the outbox for the next write or activation");
    }

    [Fact]
    public async Task Deliveries_go_to_their_targets_after_the_write_and_leave_the_outbox_once_taken()
    {
        var taken = new List<IReadOnlyList<Delivery>>();
        var dispatch = Dispatch(taken);
        _outbox.Put(Notice("defect:JC-1", "JC-2"));
        _outbox.Put(Notice("complaint:CMP-1", "JC-2"));
        _outbox.Put(Notice("defect:JC-1", "JC-3"));

        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);

        _sent.Select(s => s.Target).Should().Equal("incident:defect:JC-1", "incident:complaint:CMP-1");
        _sent[0].Items.Should().Equal(Notice("defect:JC-1", "JC-2"), Notice("defect:JC-1", "JC-3"));
        _sent[1].Items.Should().Equal(Notice("complaint:CMP-1", "JC-2"));
        _outbox.Deliveries.Should().BeEmpty();
        taken.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_delivery_added_after_the_write_waits_for_the_next_one()
    {
        var dispatch = Dispatch();
        _gate = new();
        _outbox.Put(Notice("defect:JC-1", "JC-2"));
        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);

        // Decided while the first delivery is on its way, not yet written.
        _outbox.Put(Notice("defect:JC-1", "JC-3"));
        _gate.SetResult();

        _sent.Should().ContainSingle("the second notice is not stored yet");
        _outbox.Deliveries.Should().Equal(Notice("defect:JC-1", "JC-3"));

        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);
        _sent.Select(s => s.Items.Single()).Should().Equal(Notice("defect:JC-1", "JC-2"), Notice("defect:JC-1", "JC-3"));
        _outbox.Deliveries.Should().BeEmpty();
    }

    [Fact]
    public async Task One_delivery_per_target_is_in_flight_and_what_was_stored_meanwhile_follows_it()
    {
        var dispatch = Dispatch();
        _gate = new();
        _outbox.Put(new BoardScoreDelivery("2026-12", 10));
        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);

        // A later score replaces the one on its way, and is written before the first delivery returns.
        _outbox.Put(new BoardScoreDelivery("2026-12", 25));
        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);
        _sent.Should().ContainSingle("the target's delivery is still in flight");

        _gate.SetResult();

        _outbox.Deliveries.Should().BeEmpty();
        _sent.Select(s => s.Items.Single()).Should().Equal(new BoardScoreDelivery("2026-12", 10), new BoardScoreDelivery("2026-12", 25));
    }

    [Fact]
    public async Task A_delivery_that_fails_stays_in_the_outbox_for_the_next_dispatch()
    {
        var failing = true;
        var dispatch = Dispatch((target, items) => failing ? Task.FromException(new TimeoutException("board unreachable")) : Task.CompletedTask);
        _outbox.Put(new BoardScoreDelivery("2026-12", 10));

        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);
        _outbox.Deliveries.Should().Equal(new BoardScoreDelivery("2026-12", 10));

        failing = false;
        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);
        _outbox.Deliveries.Should().BeEmpty();
    }

    [Fact]
    public async Task A_journal_entry_made_while_the_write_is_on_its_way_waits_for_the_next_round()
    {
        // A reentrant budget takes another award while its state is being written: that award's
        // entry is not in what the write stores, so it must not reach the journal yet.
        var dispatch = Dispatch((_, _) => Task.CompletedTask);
        _outbox.Entries.Add(Entry("stored"));

        await dispatch.WriteThenSendAsync(async () =>
        {
            await Task.Yield();
            _outbox.Entries.Add(Entry("made during the write"));
        });

        (await _journal.RecentAwardsAsync("budget:D", 10)).Select(a => a.TransferId).Should().Equal("stored");
        _outbox.Entries.Select(e => e.Id).Should().Equal("made during the write");

        await dispatch.WriteThenSendAsync(() => Task.CompletedTask);
        (await _journal.RecentAwardsAsync("budget:D", 10)).Select(a => a.TransferId).Should().BeEquivalentTo(["stored", "made during the write"]);
        _outbox.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task A_write_that_fails_sends_nothing()
    {
        var dispatch = Dispatch((_, _) => Task.CompletedTask);
        _outbox.Entries.Add(Entry("not stored"));

        var writing = () => dispatch.WriteThenSendAsync(() => Task.FromException(new TimeoutException("storage unreachable")));

        await writing.Should().ThrowAsync<TimeoutException>();
        (await _journal.RecentAwardsAsync("budget:D", 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task Entries_a_storage_journalled_with_the_write_are_not_sent_again_and_one_made_during_it_waits()
    {
        // A storage that journals the entries of the state it writes (IJournalledState), while the
        // reentrant budget makes another entry: that one is in neither the state nor the journal.
        var dispatch = Dispatch((_, _) => Task.CompletedTask);
        var withTheState = new InMemoryLedgerJournal();
        _outbox.Entries.Add(Entry("stored"));
        Func<Task> journallingWrite = async () =>
        {
            var taken = JournalledEntries.Take(new JournalledState(_outbox));
            await Task.Yield();
            _outbox.Entries.Add(Entry("made during the write"));
            await withTheState.AppendAsync(taken.Entries);
        };

        await dispatch.WriteThenSendAsync(journallingWrite);

        (await withTheState.RecentAwardsAsync("budget:D", 10)).Select(a => a.TransferId).Should().Equal("stored");
        (await _journal.RecentAwardsAsync("budget:D", 10)).Should().BeEmpty("the dispatch sends nothing the storage journalled, nor anything not stored");
        _outbox.Entries.Select(e => e.Id).Should().Equal("made during the write");

        await dispatch.WriteThenSendAsync(journallingWrite);
        (await withTheState.RecentAwardsAsync("budget:D", 10)).Select(a => a.TransferId).Should().Equal("stored", "made during the write");
        (await _journal.RecentAwardsAsync("budget:D", 10)).Should().BeEmpty();
    }

    [Fact]
    public void Entries_a_failed_write_took_go_back_ahead_of_those_made_since()
    {
        _outbox.Entries.Add(Entry("first"));
        var taken = JournalledEntries.Take(new JournalledState(_outbox));
        _outbox.Entries.Add(Entry("made during the write"));

        taken.Failed();

        _outbox.Entries.Select(e => e.Id).Should().Equal("first", "made during the write");
        _outbox.EntriesTaken.Should().Be(0);
    }

    [Fact]
    public void A_state_without_an_outbox_gives_its_storage_nothing_to_journal() =>
        JournalledEntries.Take(new List<int> { 1 }).Entries.Should().BeEmpty();

    private sealed class JournalledState(DurableOutbox outbox) : IJournalledState
    {
        public DurableOutbox Outbox => outbox;
    }

    private static LedgerEntry Entry(string id) => new(id, DateTimeOffset.UnixEpoch, EntryKinds.Award, "budget:D", "customer:C", 1, "D", null, null);

    [Fact]
    public void A_slot_keeps_only_the_latest_value_and_other_deliveries_keep_their_order()
    {
        _outbox.Put(new BoardScoreDelivery("2026-11", 5));
        _outbox.Put(Notice("defect:JC-1", "JC-2"));
        _outbox.Put(new BoardScoreDelivery("2026-11", 8));
        _outbox.Put(Notice("defect:JC-1", "JC-2"));

        _outbox.Deliveries.Should().Equal(Notice("defect:JC-1", "JC-2"), new BoardScoreDelivery("2026-11", 8), Notice("defect:JC-1", "JC-2"));
    }

    public void Dispose() => _services.Dispose();
}
