using Orleans.Concurrency;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Grains.Ledger.Journal;

/// <summary>Reads the journal for the API; any silo can answer.</summary>
[StatelessWorker]
public sealed class LedgerGrain(ILedgerJournal journal) : Grain, ILedgerGrain
{
    public Task<IReadOnlyList<LedgerEntry>> ReadAsync(string account, long before, int limit) => journal.ReadAsync(account, before, limit);

    public Task<JournalTotals> TotalsAsync() => journal.TotalsAsync();

    public Task<IReadOnlyDictionary<string, CustomerPointsFlow>> CustomerFlowsAsync(IReadOnlyList<string> dealershipIds) =>
        journal.CustomerFlowsAsync(dealershipIds);

    public Task<IReadOnlyList<JournalDaySum>> DaySumsAsync(string account, DateTimeOffset from, DateTimeOffset to, string timeZone) =>
        journal.DaySumsAsync(account, from, to, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
}
