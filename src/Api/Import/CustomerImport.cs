using Pitstop.Api.Intake;
using Pitstop.Api.Validation;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Api.Import;

/// <summary>
/// <c>POST /api/v1/import/customers</c>: each row sets a customer's CRM profile, their home
/// dealership when they have none, and the date of their first contract in the earlier system.
/// The rows of a chunk go to their customers at once.
/// </summary>
public sealed class CustomerImport(IGrainFactory grains, KnownDealerships dealerships, ProgramClock clock, ProgramCalendar calendar) : IRowImport
{
    public const string CustomerId = "customerId";
    public const string Name = "name";
    public const string DealershipId = "dealershipId";
    public const string Preferences = "preferences";
    public const string ReviewDate = "reviewDate";
    public const string FirstContractAt = "firstContractAt";
    private const int MaxNameLength = 200;

    public string IdColumn => CustomerId;

    public IReadOnlyCollection<string> RequiredColumns { get; } = [CustomerId, Name, DealershipId];

    public IReadOnlyCollection<string> OptionalColumns { get; } = [Preferences, ReviewDate, FirstContractAt];

    public async Task ImportAsync(IReadOnlyList<CsvRow> rows, ImportColumns columns, ImportTally tally)
    {
        var now = clock.GetUtcNow();
        var read = new List<(CsvRow Row, string CustomerId, CustomerRecord Record)>(rows.Count);
        foreach (var row in rows)
        {
            var errors = new FieldErrors();
            var fields = new RowFields(row, columns, errors);
            var customerId = fields.Id(CustomerId);
            var record = new CustomerRecord(
                fields.Text(Name, MaxNameLength),
                fields.Choices(Preferences, WireVocabularies.Experiences),
                fields.OptionalDate(ReviewDate),
                fields.Id(DealershipId),
                fields.OptionalTimeOrDate(FirstContractAt, calendar.StartOf));
            if (record.FirstContractAt > now)
            {
                fields.Error(FirstContractAt, "must not be in the future");
            }

            if (errors.IsEmpty)
            {
                read.Add((row, customerId, record));
            }
            else
            {
                tally.Reject(row, fields.Raw(CustomerId), errors);
            }
        }

        var unknown = await dealerships.FindUnknownAsync(read.Select(r => r.Record.DealershipId));
        var valid = new List<(string CustomerId, CustomerRecord Record)>(read.Count);
        foreach (var (row, customerId, record) in read)
        {
            if (unknown.Contains(record.DealershipId))
            {
                tally.Reject(row, customerId, DealershipId, KnownDealerships.UnregisteredMessage);
            }
            else if (!tally.SettledAsRepeat(row, CustomerId, customerId, record.Digest()))
            {
                valid.Add((customerId, record));
            }
        }

        var changed = await Task.WhenAll(valid.Select(v => grains.Reference<ICustomerMigration>(v.CustomerId).ImportAsync(v.Record)));
        foreach (var accepted in changed)
        {
            if (accepted)
            {
                tally.Accept();
            }
            else
            {
                tally.Duplicate();
            }
        }
    }
}
