namespace Pitstop.Grains.Interfaces.Intake;

/// <summary>A staff member named by an event, with the role implied by the field that names them.</summary>
public readonly record struct StaffMention(string StaffId, StaffRole Role);

/// <summary>
/// Who an event concerns: the grains that must see it. The intake publishes an event once to the
/// stream of each of them, plus its dealership's stream.
/// </summary>
public static class EventAudience
{
    public static IEnumerable<string> Customers(EventData data) => data switch
    {
        VisitOpened e => [e.CustomerId],
        VisitCompleted e => [e.CustomerId],
        QualityDefectReported e => [e.CustomerId],
        ComplaintLogged e => [e.CustomerId],
        CsatSubmitted e => [e.CustomerId],
        NpsSubmitted e => [e.CustomerId],
        AccessorySold e => [e.CustomerId],
        UpsellSold e => [e.CustomerId],
        ContractSigned e => [e.CustomerId],
        ReferralConverted e => [e.ReferrerCustomerId, e.RefereeCustomerId],
        SupportCaseClosed { CustomerId: { } id } => [id],
        _ => [],
    };

    /// <remarks>An array built in one go: the router and every staff member ask it of each event.</remarks>
    public static IReadOnlyList<StaffMention> Staff(EventData data) => data switch
    {
        VisitOpened e => Team(e.AdvisorId, e.TechnicianIds),
        VisitCompleted e => Team(e.AdvisorId, e.TechnicianIds),
        QualityDefectReported e => Team(null, e.TechnicianIds),
        CsatSubmitted e => Team(e.AdvisorId, e.TechnicianIds),
        NpsSubmitted e => Team(e.AdvisorId, []),
        AccessorySold e => Team(e.AdvisorId, []),
        UpsellSold e => Team(e.AdvisorId, []),
        SupportCaseClosed e => [new StaffMention(e.AgentId, StaffRole.Support)],
        _ => [],
    };

    /// <summary>The advisor, then the technicians; a member listed twice (say, an advisor who also worked on the car) once, as first listed.</summary>
    private static StaffMention[] Team(string? advisorId, IReadOnlyList<string> technicianIds)
    {
        var team = new StaffMention[technicianIds.Count + (advisorId is null ? 0 : 1)];
        var count = 0;
        if (advisorId is not null)
        {
            team[count++] = new StaffMention(advisorId, StaffRole.Advisor);
        }

        // By index: a foreach over the interface would box its enumerator.
        for (var i = 0; i < technicianIds.Count; i++)
        {
            var id = technicianIds[i];
            if (!Listed(team, count, id))
            {
                team[count++] = new StaffMention(id, StaffRole.Technician);
            }
        }

        return count == team.Length ? team : team[..count];
    }

    private static bool Listed(StaffMention[] team, int count, string staffId)
    {
        for (var i = 0; i < count; i++)
        {
            if (team[i].StaffId == staffId)
            {
                return true;
            }
        }

        return false;
    }
}
