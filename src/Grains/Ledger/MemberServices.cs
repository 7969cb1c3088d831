using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Ledger;

/// <summary>What every member grain needs besides its state: the program's clock and lot calendar, and the outbox sender.</summary>
public sealed class MemberServices(ProgramClock clock, IOptions<ProgramOptions> program, RecordsSender records)
{
    public ProgramClock Clock => clock;

    public RecordsSender Records => records;

    public LotCalendar Lots { get; } = new(
        TimeZoneInfo.FindSystemTimeZoneById(program.Value.TimeZone), program.Value.PointsLifetimeMonths);
}
