using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Wallets;

/// <summary>What every member grain needs besides its state: the program's clock, calendar and lot calendar, and the outbox sender.</summary>
public sealed class MemberServices(ProgramClock clock, ProgramCalendar calendar, IOptions<ProgramOptions> program, RecordsSender records)
{
    public ProgramClock Clock => clock;

    public ProgramCalendar Calendar => calendar;

    public RecordsSender Records => records;

    public LotCalendar Lots { get; } = new(calendar, program.Value.PointsLifetimeMonths);
}
