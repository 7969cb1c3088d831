using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Outbox;

namespace Pitstop.Rules.Tests.Outbox;

public class RecordsSenderTests
{
    private static LedgerEntry Entry(string id) => new(id, DateTimeOffset.UnixEpoch, EntryKinds.Award, "budget:D", "customer:C", 1, "D", null, null);

    [Fact]
    public async Task Records_added_while_a_send_is_under_way_stay_in_the_outbox_for_the_next_send()
    {
        var records = new DurableOutbox();
        records.Entries.Add(Entry("first"));
        var journal = new InterleavingJournal(() => records.Entries.Add(Entry("during the send")));

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        await new RecordsSender(new InMemoryNotificationFeed(), journal, new PointsMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>())).SendAsync(records);

        journal.Appended.Should().Equal("first");
        records.Entries.Select(e => e.Id).Should().Equal("during the send");
    }

    /// <summary>A journal during whose append the grain (reentrant, like the budget) adds another entry.</summary>
    private sealed class InterleavingJournal(Action duringAppend) : ILedgerJournal
    {
        public List<string> Appended { get; } = [];

        public async Task AppendAsync(IReadOnlyList<LedgerEntry> entries)
        {
            await Task.Yield();
            duringAppend();
            Appended.AddRange(entries.Select(e => e.Id));
        }

        public Task<IReadOnlyList<LedgerEntry>> ReadAsync(string account, long before, int limit) => throw new NotSupportedException();

        public Task<JournalTotals> TotalsAsync() => throw new NotSupportedException();

        public Task<IReadOnlyList<JournalDaySum>> DaySumsAsync(string account, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone) => throw new NotSupportedException();

        public Task<IReadOnlyList<LedgerEntry>> AwardsCausedByAsync(string budgetAccount, string cause) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> MembersCreditedAsync(DateTimeOffset from, DateTimeOffset to) => throw new NotSupportedException();

        public Task<IReadOnlyList<RecentAward>> RecentAwardsAsync(string budgetAccount, int limit) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, CustomerPointsFlow>> CustomerFlowsAsync(IReadOnlyList<string> dealershipIds) => throw new NotSupportedException();
    }
}
