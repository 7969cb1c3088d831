namespace Pitstop.Api.Security;

/// <summary>The roles of api.md, as credentials name them.</summary>
public static class Roles
{
    public const string Ingest = "ingest";
    public const string Admin = "admin";
    public const string RegionalLead = "regional-lead";
    public const string ServiceHead = "service-head";
    public const string WorkshopManager = "workshop-manager";
    public const string Cx = "cx";
    public const string Viewer = "viewer";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Ingest, Admin, RegionalLead, ServiceHead, WorkshopManager, Cx, Viewer,
    };

    /// <summary>Roles that read data within their scope (api.md).</summary>
    public static readonly string[] ScopedReaders = [Admin, RegionalLead, ServiceHead, WorkshopManager];

    /// <summary>Roles that read incidents and recovery analytics within their scope.</summary>
    public static readonly string[] RecoveryReaders = [.. ScopedReaders, Cx];

    /// <summary>Roles that read the league: every person's role (the league is for comparing across the network).</summary>
    public static readonly string[] LeagueReaders = [.. RecoveryReaders, Viewer];

    /// <summary>Roles that give spot awards: workshop managers to their dealership's staff, and admins.</summary>
    public static readonly string[] SpotAwardGivers = [Admin, WorkshopManager];

    /// <summary>
    /// Roles that set staff members' kiosk PINs: their workshop manager, and admins. Not service
    /// heads: a kiosk carries a service head's read-only key, which must not set the PINs it checks.
    /// </summary>
    public static readonly string[] PinSetters = [Admin, WorkshopManager];

    /// <summary>Roles that complete follow-ups (api.md: cx, and regional leads in their states).</summary>
    public static readonly string[] FollowUpAgents = [Admin, Cx, RegionalLead];

    /// <summary>Roles that write the personal note a recovery carries: the dealership's managers and cx.</summary>
    public static readonly string[] IncidentNoteWriters = [Admin, Cx, ServiceHead, WorkshopManager];
}

/// <summary>The authorization policies routes ask for.</summary>
public static class Policies
{
    public const string Ingest = "ingest";
    public const string Admin = "admin";

    /// <summary>Roles that read reference and member data; each route then checks the data's scope.</summary>
    public const string ScopedRead = "scoped-read";

    /// <summary>Member routes: scoped readers, and viewers for their own record.</summary>
    public const string MemberRead = "member-read";

    public const string Notifications = "notifications";

    public const string RecoveryRead = "recovery-read";

    public const string LeagueRead = "league-read";

    public const string SpotAwards = "spot-awards";

    public const string PinSetters = "pin-setters";

    public const string FollowUps = "follow-ups";

    public const string IncidentNote = "incident-note";
}
