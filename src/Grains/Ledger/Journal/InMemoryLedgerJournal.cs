using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Ledger.Journal;

/// <summary>The journal of the embedded mode: idempotent and ordered, gone with the process.</summary>
public sealed class InMemoryLedgerJournal : ILedgerJournal
{
    private readonly Lock _gate = new();
    private readonly List<LedgerEntry> _entries = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public Task AppendAsync(IReadOnlyList<LedgerEntry> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (_ids.Add(entry.Id))
                {
                    _entries.Add(entry with { Seq = _entries.Count + 1 });
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Every entry in journal order: what a what-if replay reads of the journal it ran on.</summary>
    public IReadOnlyList<LedgerEntry> Entries()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadAsync(string account, long before, int limit)
    {
        lock (_gate)
        {
            var end = before <= 0 ? _entries.Count : (int)Math.Min(before - 1, _entries.Count);
            var page = new List<LedgerEntry>(limit);
            for (var i = end - 1; i >= 0 && page.Count < limit; i--)
            {
                if (_entries[i].From == account || _entries[i].To == account)
                {
                    page.Add(_entries[i]);
                }
            }

            return Task.FromResult<IReadOnlyList<LedgerEntry>>(page);
        }
    }

    public Task<JournalTotals> TotalsAsync()
    {
        lock (_gate)
        {
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var entry in _entries)
            {
                totals[Accounts.ClassOf(entry.From)] = totals.GetValueOrDefault(Accounts.ClassOf(entry.From)) - entry.Points;
                totals[Accounts.ClassOf(entry.To)] = totals.GetValueOrDefault(Accounts.ClassOf(entry.To)) + entry.Points;
            }

            return Task.FromResult(new JournalTotals(totals));
        }
    }

    public Task<IReadOnlyDictionary<string, CustomerPointsFlow>> CustomerFlowsAsync(IReadOnlyList<string> dealershipIds)
    {
        var wanted = dealershipIds.ToHashSet(StringComparer.Ordinal);
        var flows = wanted.ToDictionary(d => d, _ => CustomerPointsFlow.None, StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                if (entry.DealershipId is { } dealership && wanted.Contains(dealership) && IsCustomerFlow(entry))
                {
                    flows[dealership] = flows[dealership].Add(entry.Kind, entry.Points);
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, CustomerPointsFlow>>(flows);
    }

    private static bool IsCustomerFlow(LedgerEntry entry) =>
        Accounts.ClassOf(entry.From) == Accounts.CustomerClass || Accounts.ClassOf(entry.To) == Accounts.CustomerClass;

    public Task<IReadOnlyList<JournalDaySum>> DaySumsAsync(string account, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        lock (_gate)
        {
            IReadOnlyList<JournalDaySum> sums = [.. _entries
                .Where(e => e.At >= from && e.At < to && (e.From == account || e.To == account))
                .GroupBy(e => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.At, zone).DateTime), e.Kind, Outgoing: e.From == account))
                .OrderBy(g => g.Key.Day)
                .Select(g => new JournalDaySum(g.Key.Day, g.Key.Kind, g.Key.Outgoing, g.Sum(e => e.Points)))];
            return Task.FromResult(sums);
        }
    }

    public Task<IReadOnlyList<LedgerEntry>> AwardsCausedByAsync(string budgetAccount, string cause)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<LedgerEntry>>(
                [.. _entries.Where(e => e.Kind == EntryKinds.Award && e.From == budgetAccount && e.SourceEventId == cause)]);
        }
    }

    public Task<IReadOnlyList<RecentAward>> RecentAwardsAsync(string budgetAccount, int limit)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RecentAward>>(
                [.. _entries.Where(e => e.Kind == EntryKinds.Award && e.From == budgetAccount).TakeLast(limit).Select(e => new RecentAward(e.Id, e.Points))]);
        }
    }

    public Task<IReadOnlyList<string>> MembersCreditedAsync(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            IReadOnlyList<string> members = [.. _entries
                .Where(e => e.At >= from && e.At < to && IsMember(e.To))
                .Select(e => e.To)
                .Distinct()];
            return Task.FromResult(members);
        }
    }

    private static bool IsMember(string account) =>
        Accounts.ClassOf(account) is Accounts.CustomerClass or Accounts.StaffClass;
}
