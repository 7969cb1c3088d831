using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Orleans.Runtime;
using Pitstop.Grains.Ledger.Journal;

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
    IOptions<ProgramOptions> program)
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
        var months = program.Value.PointsLifetimeMonths;
        var from = state.State.SweptUpTo is { } last ? last.AddMonths(-months) - Margin : DateTimeOffset.MinValue;
        var to = now.AddMonths(-months);
        if (to <= from)
        {
            return 0;
        }

        var members = await journal.MembersCreditedAsync(from, to);
        foreach (var chunk in members.Chunk(Parallel))
        {
            await Task.WhenAll(chunk.Select(account =>
                MemberRef.TryParse(account, out var member) ? GrainFactory.Of(member).ExpireDueAsync() : Task.CompletedTask));
        }

        // The customers whose lots expire within the notice period hear of it: those credited in
        // the same window, moved on by that period.
        var notice = TimeSpan.FromDays(program.Value.ExpiryNoticeDays);
        var warned = await journal.MembersCreditedAsync(from == DateTimeOffset.MinValue ? from : from + notice, to + notice);
        foreach (var chunk in warned.Chunk(Parallel))
        {
            await Task.WhenAll(chunk.Select(account =>
                MemberRef.TryParse(account, out var member) && member.Kind == MemberKind.Customer
                    ? GrainFactory.GetGrain<ICustomerGrain>(member.Id).WarnExpiringAsync()
                    : Task.CompletedTask));
        }

        state.State.SweptUpTo = now;
        await state.WriteOrReloadAsync(this);
        return members.Count;
    }
}

[GenerateSerializer, Alias("pitstop.ExpirySweepState")]
public sealed class ExpirySweepState
{
    /// <summary>The program time the last sweep covered; null before the first.</summary>
    [Id(0)] public DateTimeOffset? SweptUpTo { get; set; }
}
