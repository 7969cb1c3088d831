using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Archive;

namespace Pitstop.Grains.Archive;

/// <summary>
/// Keeps the archive to its retention: hourly, removes what occurred before the retention reaches
/// back from the program's now. It keeps no state: each sweep trims everything due, so one missed
/// while the cluster was down is caught up by the next.
/// </summary>
public sealed class EventArchiveSweepGrain(IEventArchive archive, ProgramClock clock, IOptions<ArchiveOptions> options)
    : Grain, IEventArchiveSweepGrain, IRemindable
{
    private const string Reminder = "event-archive-sweep";

    public async Task StartAsync() =>
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await SweepAsync();

    public Task<long> SweepAsync() => archive.TrimAsync(clock.GetUtcNow() - options.Value.Retention);
}
