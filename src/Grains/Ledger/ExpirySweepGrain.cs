using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Orleans.Runtime;
using Pitstop.Grains.Ledger.Journal;
using Pitstop.Grains.Versions;

namespace Pitstop.Grains.Ledger;

/// <summary>
/// The expiry sweep. Wallets keep their own lots; this only tells the right ones when to look, so
/// no wallet needs a reminder of its own (750,000 of them would crowd the reminder table). It asks
/// the journal which wallets were credited in the window whose lots are now due, from where the
/// last sweep stopped, so a sweep missed while the cluster was down is caught up by the next.
/// </summary>
public sealed class ExpirySweepGrain(
    [PersistentState("expiry-sweep", StorageNames.Reference)] IPersistentState<ExpirySweepState> state,
    ILedgerJournal journal,
    ProgramClock clock,
    ProgramVersions versions)
    : Grain, IExpirySweepGrain, IRemindable
{
    private const string Reminder = "expiry-sweep";
    private const int Parallel = 64;

    // A lot expires at the end of its day, a lifetime later: the window reaches back a little
    // further than the lifetime so that day ends and time zones never leave a wallet out.
    private static readonly TimeSpan Margin = TimeSpan.FromDays(2);

    public async Task StartAsync() =>
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await SweepAsync();

    public async Task<int> SweepAsync()
    {
        var now = clock.GetUtcNow();
        var last = state.State.SweptUpTo;
        // A lot lives as long as the version in force when it was earned said: the wallets due now
        // were credited one lifetime ago, for each lifetime a version gave (decisions.md, program versions).
        var programs = await versions.AllAsync();
        var lifetimes = programs.Select(p => p.Program.PointsLifetimeMonths).Distinct().ToList();
        var notices = programs.Select(p => TimeSpan.FromDays(p.Program.ExpiryNoticeDays)).ToList();
        var (shortestNotice, longestNotice) = (notices.Min(), notices.Max());
        var due = new HashSet<string>(StringComparer.Ordinal);
        var warned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var months in lifetimes)
        {
            var from = last is { } swept ? swept.AddMonths(-months) - Margin : DateTimeOffset.MinValue;
            var to = now.AddMonths(-months);
            if (to > from)
            {
                due.UnionWith(await journal.MembersCreditedAsync(from, to));
            }

            // The customers whose lots expire within the notice period hear of it: those credited in
            // the same window, moved on by that period — by any version's period, since each
            // customer is warned by the version in force for them and a second warning adds nothing.
            var warnFrom = from == DateTimeOffset.MinValue ? from : from + shortestNotice;
            var warnTo = to + longestNotice;
            if (warnTo > warnFrom)
            {
                warned.UnionWith(await journal.MembersCreditedAsync(warnFrom, warnTo));
            }
        }

        foreach (var chunk in due.Chunk(Parallel))
        {
            await Task.WhenAll(chunk.Select(account =>
                MemberRef.TryParse(account, out var member) ? GrainFactory.Of(member).ExpireDueAsync() : Task.CompletedTask));
        }

        foreach (var chunk in warned.Chunk(Parallel))
        {
            await Task.WhenAll(chunk.Select(account =>
                MemberRef.TryParse(account, out var member) && member.Kind == MemberKind.Customer
                    ? GrainFactory.GetGrain<ICustomerGrain>(member.Id).WarnExpiringAsync()
                    : Task.CompletedTask));
        }

        state.State.SweptUpTo = now;
        await state.WriteOrReloadAsync(this);
        return due.Count;
    }
}

[GenerateSerializer, Alias("pitstop.ExpirySweepState")]
public sealed class ExpirySweepState
{
    /// <summary>The program time the last sweep covered; null before the first.</summary>
    [Id(0)] public DateTimeOffset? SweptUpTo { get; set; }
}
