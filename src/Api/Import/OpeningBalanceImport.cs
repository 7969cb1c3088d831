using System.Globalization;
using Pitstop.Api.Validation;
using Pitstop.Api.Versions;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Wallets;

namespace Pitstop.Api.Import;

/// <summary>
/// <c>POST /api/v1/import/opening-balances</c>: each row gives a customer the balance they held in
/// the earlier system, funded from the brand pool. Per chunk: the customers are asked whether they
/// exist and already hold one (at once), the pool moves the chunk's new balances in one call and
/// one write, and the customers credit them (at once). The pool is idempotent per customer and the
/// customers per balance, so a crash between the two is repaired by uploading the file again.
/// </summary>
public sealed class OpeningBalanceImport(IGrainFactory grains, ProgramClock clock, ProgramCalendar calendar) : IRowImport
{
    public const string CustomerId = "customerId";
    public const string Points = "points";
    public const string ExpiresAt = "expiresAt";
    public const string Reference = "reference";
    public const long MaxPoints = 100_000_000;
    private const int MaxReferenceLength = 200;

    public string IdColumn => CustomerId;

    public IReadOnlyCollection<string> RequiredColumns { get; } = [CustomerId, Points];

    public IReadOnlyCollection<string> OptionalColumns { get; } = [ExpiresAt, Reference];

    private sealed record Row(CsvRow Csv, string CustomerId, long Points, DateTimeOffset ExpiresAt, string? Reference);

    public async Task ImportAsync(IReadOnlyList<CsvRow> rows, ImportColumns columns, ImportTally tally)
    {
        var read = Read(rows, columns, tally, await LifetimeMonthsAsync());
        var statuses = await Task.WhenAll(read.Select(r => grains.Reference<ICustomerMigration>(r.CustomerId).MigrationStatusAsync()));
        var toMove = new List<(Row Row, OpeningTransfer Transfer)>(read.Count);
        foreach (var (row, status) in read.Zip(statuses))
        {
            if (!status.Exists)
            {
                tally.Reject(row.Csv, row.CustomerId, CustomerId, "unknown customer; import customers first");
            }
            else if (status.OpeningPoints == row.Points)
            {
                tally.Duplicate();
            }
            else if (status.OpeningPoints is { } held)
            {
                tally.Reject(row.Csv, row.CustomerId, Points, $"the customer already has an opening balance of {Format(held)} points; a customer has one, ever");
            }
            else
            {
                toMove.Add((row, new OpeningTransfer(row.CustomerId, row.Points, status.HomeDealershipId, row.Reference)));
            }
        }

        if (toMove.Count == 0)
        {
            return;
        }

        var outcomes = await grains.Reference<IBrandPoolGrain>(IBrandPoolGrain.Key).OpenBalancesAsync([.. toMove.Select(m => m.Transfer)]);
        var toCredit = new List<Row>(toMove.Count);
        foreach (var ((row, _), outcome) in toMove.Zip(outcomes))
        {
            switch (outcome.Result)
            {
                case OpeningResult.Moved or OpeningResult.MovedBefore:
                    toCredit.Add(row);
                    break;
                case OpeningResult.OtherAmountMoved:
                    tally.Reject(row.Csv, row.CustomerId, Points,
                        $"an opening balance of {Format(outcome.Points)} points already left the brand pool for this customer; upload the row with those points to complete it");
                    break;
                default:
                    tally.Reject(row.Csv, row.CustomerId, Points, "the brand pool holds fewer points than this opening balance: mint points first");
                    break;
            }
        }

        var credited = await Task.WhenAll(toCredit.Select(r =>
            grains.Reference<ICustomerMigration>(r.CustomerId).ReceiveOpeningAsync(new OpeningBalance(r.Points, r.ExpiresAt))));
        foreach (var now in credited)
        {
            if (now)
            {
                tally.Accept();
            }
            else
            {
                tally.Duplicate();
            }
        }
    }

    // An opening balance is credited now: the version in force now says how long its points live,
    // as it does for points earned now.
    private async Task<int> LifetimeMonthsAsync() => (await grains.ProgramForEveryoneAsync(clock)).PointsLifetimeMonths;

    /// <summary>The rows that are valid by themselves and not repeats within the upload; the others are counted.</summary>
    private List<Row> Read(IReadOnlyList<CsvRow> rows, ImportColumns columns, ImportTally tally, int lifetimeMonths)
    {
        var now = clock.GetUtcNow();
        var today = calendar.DayOf(now);
        var defaultExpiry = new LotCalendar(calendar, lifetimeMonths).ExpiryOf(now);
        var read = new List<Row>(rows.Count);
        foreach (var csv in rows)
        {
            var errors = new FieldErrors();
            var fields = new RowFields(csv, columns, errors);
            var customerId = fields.Id(CustomerId);
            var points = fields.WholeNumber(Points, 1, MaxPoints);
            var expiresOn = fields.OptionalDate(ExpiresAt);
            var reference = fields.OptionalText(Reference, MaxReferenceLength);
            var expiresAt = expiresOn is { } day ? calendar.EndOf(day) : defaultExpiry;
            if (expiresOn < today)
            {
                fields.Error(ExpiresAt, "must not be in the past");
            }
            else if (expiresAt > defaultExpiry)
            {
                fields.Error(ExpiresAt, $"must be on or before {calendar.DayOf(defaultExpiry.AddTicks(-1)):yyyy-MM-dd}: points live at most {lifetimeMonths} months");
            }

            if (!errors.IsEmpty)
            {
                tally.Reject(csv, fields.Raw(CustomerId), errors);
            }
            else if (!tally.SettledAsRepeat(csv, CustomerId, customerId, HashCode.Combine(points, expiresAt, reference)))
            {
                read.Add(new Row(csv, customerId, points, expiresAt, reference));
            }
        }

        return read;
    }

    private static string Format(long points) => points.ToString("N0", CultureInfo.InvariantCulture);
}
