using Pitstop.Api.Intake;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.League;

namespace Pitstop.Api.League;

/// <summary>
/// A challenge as the API shows it: <c>kpi</c> first-time-fix | on-time | csat-5 | upsell; <c>scope</c>
/// national | state | dealership with its <c>state</c> or <c>dealershipId</c>; <c>from</c>/<c>to</c>
/// days in the program's time zone (absent: every month, for a configured challenge); <c>status</c>
/// scheduled | running | ended | closed, by the engine's clock.
/// </summary>
public sealed record ChallengeDetails(
    string ChallengeId, string Title, string Kpi, int Target, long Points, string Scope, string? DealershipId, string? State,
    DateOnly? From, DateOnly? To, DateTimeOffset? ClosedAt, string Status)
{
    public static ChallengeDetails Of(Challenge challenge, DateTimeOffset now, ProgramCalendar calendar) => new(
        challenge.ChallengeId, challenge.Title, WireVocabularies.LeagueKpis.NameOf(challenge.Kpi), challenge.Target, challenge.Points,
        WireVocabularies.ChallengeScopes.NameOf(challenge.Scope.Kind),
        challenge.Scope.Kind == ChallengeScopeKind.Dealership ? challenge.Scope.Id : null,
        challenge.Scope.Kind == ChallengeScopeKind.State ? challenge.Scope.Id : null,
        challenge.From, challenge.To, challenge.ClosedAt, StatusOf(challenge, now, calendar));

    private static string StatusOf(Challenge challenge, DateTimeOffset now, ProgramCalendar calendar) => challenge switch
    {
        { ClosedAt: not null } => "closed",
        { From: { } from } when now < calendar.StartOf(from) => "scheduled",
        { To: { } to } when now >= calendar.EndOf(to) => "ended",
        _ => ChallengesInForce.InForce(challenge, now, calendar) ? "running" : "ended",
    };
}

/// <summary>A member's progress in a challenge in force for them: <c>count</c> of <c>target</c>, and whether they completed it.</summary>
public sealed record ChallengeProgressDetails(
    string ChallengeId, string Title, string Kpi, int Target, int Count, long Points, DateOnly? From, DateOnly? To, bool Completed)
{
    public static ChallengeProgressDetails Of(ChallengeStanding standing) => new(
        standing.Challenge.ChallengeId, standing.Challenge.Title, WireVocabularies.LeagueKpis.NameOf(standing.Challenge.Kpi), standing.Challenge.Target,
        standing.Count, standing.Challenge.Points, standing.Challenge.From, standing.Challenge.To, standing.Completed);
}
