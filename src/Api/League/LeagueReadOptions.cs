using System.ComponentModel.DataAnnotations;

namespace Pitstop.Api.League;

/// <summary>How the API serves league queries from its replicas of the boards (<see cref="LeaderboardReplicas"/>).</summary>
public sealed class LeagueReadOptions
{
    public const string Section = "Api:League";

    /// <summary>
    /// How old a replica may be when it answers. The league promises a score change on every board
    /// within a second of the event's acknowledgement: this spends a tenth of that second to
    /// answer most queries without a call into the cluster.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:00.5")]
    public TimeSpan ReplicaMaxAge { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A replica nobody has read for this long is dropped (a national board of a million members holds tens of MB).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReplicaIdleExpiry { get; set; } = TimeSpan.FromMinutes(10);
}
