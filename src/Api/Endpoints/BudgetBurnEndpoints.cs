using System.Globalization;
using System.Security.Claims;
using Pitstop.Api.Intake;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// A dealership budget's burn over a month, day by day, read from the ledger journal: the budget
/// grain keeps only this month's totals (it is hot), the journal keeps every movement.
/// </summary>
public static class BudgetBurnEndpoints
{
    public static RouteGroupBuilder MapBudgetBurn(this RouteGroupBuilder api)
    {
        api.MapGet("/dealerships/{id}/budget/burn", GetAsync).WithTags("Budgets").WithName("GetBudgetBurn")
            .WithDescription("For the month period (yyyy-MM, default this month): each day's points awarded from the budget, topped up and returned, and their totals. Admins, regional leads, service heads and workshop managers, within their scope.")
            .WithSummary("A dealership budget's month day by day: points awarded (spent), topped up and returned")
            .Produces<BudgetBurn>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ScopedRead);
        return api;
    }

    /// <summary>One day of the month; every day is listed, quiet ones with zeros.</summary>
    public sealed record BurnDay(DateOnly Date, long Spent, long ToppedUp, long Returned);

    /// <summary>
    /// The month's burn: <c>spent</c> is points awarded out of the budget, <c>toppedUp</c> what the
    /// pool moved in, <c>returned</c> what reversals and cancellations moved back.
    /// </summary>
    public sealed record BudgetBurn(string DealershipId, string Period, long Spent, long ToppedUp, long Returned, IReadOnlyList<BurnDay> Days);

    private static async Task<IResult> GetAsync(
        string id, string? period, ClaimsPrincipal user, Access access, KnownDealerships dealerships, LeagueMonths months,
        ProgramCalendar calendar, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (!IdRules.IsId(id))
        {
            errors.Add("id", IdRules.IdMessage);
        }

        period ??= months.Current();
        // The exact length rules out the short forms TryParseExact would take (2024-2).
        var first = default(DateOnly);
        if (period.Length != 7 || !DateOnly.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
        {
            errors.Add("period", "must be a month, yyyy-MM");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        // Scope first: a scoped caller learns nothing of dealerships outside it, registered or not.
        if (await access.DealershipAsync(new Caller(user), id) is { } refused)
        {
            return refused;
        }

        if ((await dealerships.FindUnknownAsync([id])).Count > 0)
        {
            return Problems.NotFound("dealership");
        }

        var next = first.AddMonths(1);
        var sums = await grains.Reference<ILedgerGrain>(0).DaySumsAsync(Accounts.Budget(id), calendar.StartOf(first), calendar.StartOf(next), calendar.Zone.Id);
        var days = DaysOf(first, next, sums);
        return TypedResults.Ok(new BudgetBurn(id, period, days.Sum(d => d.Spent), days.Sum(d => d.ToppedUp), days.Sum(d => d.Returned), days));
    }

    // Every day from first to next (excluded): a budget's only outflow is an award; what flows in is a top-up or a return.
    private static List<BurnDay> DaysOf(DateOnly first, DateOnly next, IReadOnlyList<JournalDaySum> sums)
    {
        var days = new List<BurnDay>();
        for (var day = first; day < next; day = day.AddDays(1))
        {
            var today = sums.Where(s => s.Day == day).ToList();
            days.Add(new BurnDay(
                day,
                today.Where(s => s.Outgoing).Sum(s => s.Points),
                today.Where(s => !s.Outgoing && s.Kind == EntryKinds.TopUp).Sum(s => s.Points),
                today.Where(s => !s.Outgoing && s.Kind != EntryKinds.TopUp).Sum(s => s.Points)));
        }

        return days;
    }
}
