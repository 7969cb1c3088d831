using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Pitstop.Api.Dealerships;
using Pitstop.Api.Intake;
using Pitstop.Api.League;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Api.Endpoints;

/// <summary>The Pitstop League (api.md, leaderboards): a month's board of one role at one scope.</summary>
public static partial class LeaderboardEndpoints
{
    private const int MaxTop = 100;
    private const int MaxRadius = 50;

    public static RouteGroupBuilder MapLeaderboards(this RouteGroupBuilder api)
    {
        api.MapGet("/leaderboards/{role}", GetAsync).WithTags("Leaderboards").WithName("GetLeaderboard")
            .WithDescription($"The month's board of a staff role in a scope (national, state:KA, dealership:DLR-KA-001): the top entries (top 1-{MaxTop}, default 10), or with around= a member's rank and radius neighbours. period is yyyy-MM, default this month. Every role but ingest.")
            .WithSummary("A month's leaderboard: the top members, or a member's rank and neighbours (around=)")
            .Produces<Leaderboard>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.LeagueRead);
        return api;
    }

    public sealed record Leaderboard(string Role, string Scope, string Period, int Members, IReadOnlyList<LeaderboardEntry> Entries);

    private static async Task<IResult> GetAsync(
        string role, string? scope, string? period, string? top, string? around, string? radius,
        KnownDealerships dealerships, LeagueMonths months, LeaderboardReplicas boards)
    {
        var (query, problem) = await BoardQuery.ReadAsync(role, scope, period, top, around, radius, dealerships, months);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await query!.ReadAsync(boards));
    }

    /// <summary>One read of a board, checked: the board's key and what of it to list.</summary>
    public sealed record BoardQuery(string Role, StaffRole StaffRole, string Scope, string Period, int Top, string? Around, int Radius)
    {
        /// <summary>The query the parameters make, or the problem that names every field at fault (404 for an unknown dealership).</summary>
        public static async Task<(BoardQuery? Query, IResult? Problem)> ReadAsync(
            string role, string? scope, string? period, string? top, string? around, string? radius, KnownDealerships dealerships, LeagueMonths months)
        {
            var errors = new FieldErrors();
            if (!WireVocabularies.LeagueRoles.TryParse(role, out var staffRole))
            {
                errors.Add("role", $"must be one of {WireVocabularies.LeagueRoles.Spellings}");
            }

            scope ??= LeaderboardKey.National;
            var dealershipId = ReadScope(scope, errors);
            period ??= months.Current();
            if (!LeaderboardEndpoints.Period().IsMatch(period))
            {
                errors.Add("period", "must be a month, yyyy-MM");
            }

            var size = ReadInt("top", top, 1, MaxTop, 10, errors);
            var width = ReadInt("radius", radius, 0, MaxRadius, 5, errors);
            if (around is not null && !IdRules.IsId(around))
            {
                errors.Add("around", IdRules.IdMessage);
            }

            if (!errors.IsEmpty)
            {
                return (null, Problems.Invalid(errors));
            }

            if (dealershipId is not null && (await dealerships.FindUnknownAsync([dealershipId])).Count > 0)
            {
                return (null, Problems.NotFound("dealership"));
            }

            return (new BoardQuery(role, staffRole, scope, period, size, around, width), null);
        }

        public async Task<Leaderboard> ReadAsync(LeaderboardReplicas boards)
        {
            var page = await boards.ReadAsync(LeaderboardKey.Of(StaffRole, Period, Scope), board => Around is null ? board.Top(Top) : board.Around(Around, Radius));
            return new Leaderboard(Role, Scope, Period, page.Members, page.Entries);
        }
    }

    // The dealership a "dealership:" scope names (null for the others); errors for a malformed scope.
    private static string? ReadScope(string scope, FieldErrors errors)
    {
        if (scope == LeaderboardKey.National)
        {
            return null;
        }

        if (scope.StartsWith("state:", StringComparison.Ordinal) && IndianStates.Codes.Contains(scope["state:".Length..]))
        {
            return null;
        }

        if (scope.StartsWith("dealership:", StringComparison.Ordinal) && IdRules.IsId(scope["dealership:".Length..]))
        {
            return scope["dealership:".Length..];
        }

        errors.Add("scope", "must be national, state:{code} (e.g. state:KA) or dealership:{id}");
        return null;
    }

    private static int ReadInt(string name, string? value, int min, int max, int fallback, FieldErrors errors)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(name, $"must be a whole number {min}..{max}");
        return fallback;
    }

    [GeneratedRegex(@"\A\d{4}-(0[1-9]|1[0-2])\z")]
    private static partial Regex Period();
}

/// <summary>The league's current month for the API, in the program's time zone and time.</summary>
public sealed class LeagueMonths(ProgramCalendar calendar)
{
    public string Current() => calendar.ThisMonth();

    /// <summary>A staff member's ranks this month on the three boards they count on, as the league's listings show them.</summary>
    public async Task<LeagueRanks> RanksAsync(LeaderboardReplicas boards, StaffRole role, string staffId, string dealershipId, string? state)
    {
        var month = Current();
        Task<LeaderboardEntry?> Rank(string scope) => boards.ReadAsync(LeaderboardKey.Of(role, month, scope), board => board.Rank(staffId)).AsTask();
        var ranks = await Task.WhenAll(
            Rank(LeaderboardKey.Dealership(dealershipId)),
            state is null ? Task.FromResult<LeaderboardEntry?>(null) : Rank(LeaderboardKey.State(state)),
            Rank(LeaderboardKey.National));
        return new LeagueRanks(month, ranks[0]?.Rank, ranks[1]?.Rank, ranks[2]?.Rank);
    }
}

/// <summary>A member's ranks in a month; null where they are not on the board (no points yet).</summary>
public sealed record LeagueRanks(string Period, int? Dealership, int? State, int? National);
