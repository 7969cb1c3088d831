using System.Globalization;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Ledger.Journal;

namespace Pitstop.BudgetHotPath.Targets;

/// <summary>
/// What a budget must show after the run: every award counted once in its book and journalled
/// once. A fast budget that loses or doubles awards is not a result, so any difference is reported
/// (and fails the run).
/// </summary>
internal static class BudgetChecks
{
    private const int Page = 5_000;

    public static async Task<IReadOnlyList<string>> VerifyAsync(BudgetView view, ILedgerJournal journal, long awards, long points)
    {
        var problems = new List<string>();
        var who = view.DealershipId;
        if (view.AwardedTotal != points)
        {
            problems.Add($"{who}: AwardedTotal is {N(view.AwardedTotal)}, expected {N(points)} ({N(awards)} awards)");
        }

        if (view.PendingAwards.Count != 0)
        {
            problems.Add($"{who}: {N(view.PendingAwards.Count)} awards pending, expected none (the budget was funded for all)");
        }

        if (view.Available != view.ToppedUpTotal - view.AwardedTotal)
        {
            problems.Add($"{who}: Available {N(view.Available)} is not ToppedUpTotal {N(view.ToppedUpTotal)} - AwardedTotal {N(view.AwardedTotal)}");
        }

        var (entries, journalled) = await JournalledAwardsAsync(journal, Accounts.Budget(who));
        if (entries != awards || journalled != points)
        {
            problems.Add($"{who}: the ledger journal holds {N(entries)} award entries of {N(journalled)} points, expected {N(awards)} of {N(points)}");
        }

        return problems;
    }

    // Paged newest first through the engine's own journal API, in both modes.
    private static async Task<(long Entries, long Points)> JournalledAwardsAsync(ILedgerJournal journal, string budgetAccount)
    {
        long entries = 0, points = 0, before = 0;
        while (true)
        {
            var page = await journal.ReadAsync(budgetAccount, before, Page);
            foreach (var entry in page.Where(e => e.Kind == EntryKinds.Award && e.From == budgetAccount))
            {
                entries++;
                points += entry.Points;
            }

            if (page.Count < Page)
            {
                return (entries, points);
            }

            before = page[^1].Seq;
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
