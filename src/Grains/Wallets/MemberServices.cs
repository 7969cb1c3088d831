using Pitstop.Grains.Configuration;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Wallets;

/// <summary>What every member grain needs besides its state: the program's clock and calendar, and the outbox sender.</summary>
public sealed class MemberServices(ProgramClock clock, ProgramCalendar calendar, RecordsSender records)
{
    public ProgramClock Clock => clock;

    public ProgramCalendar Calendar => calendar;

    public RecordsSender Records => records;
}
