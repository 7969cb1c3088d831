using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// The customer's side of a migration from the brand's earlier system (docs/decisions.md,
/// imports): the record of the customer, and the opening balance whose points the brand
/// pool moved before asking.
/// </summary>
public sealed partial class CustomerGrain : ICustomerMigration
{
    public async Task<bool> ImportAsync(CustomerRecord record)
    {
        var digest = record.Digest();
        if (State.ImportedRecord == digest)
        {
            return false;
        }

        State.Profile = new CustomerProfile(record.Name, record.Preferences, record.ReviewDate);
        // Events name the dealership that serves the customer now; the earlier system's only
        // fills the gap until one does.
        if (State.HomeDealershipId.Length == 0)
        {
            State.HomeDealershipId = record.DealershipId;
        }

        if (record.FirstContractAt is { } firstContract)
        {
            State.Contracts.NoteFirstContract(firstContract);
        }

        // Enrolled on the day the brand brought them over, unless an event named them first.
        State.EnrolledOn ??= _calendar.DayOf(Now);
        State.ImportedRecord = digest;
        await SaveAsync();
        return true;
    }

    public Task<MigrationStatus> MigrationStatusAsync() => Task.FromResult(
        new MigrationStatus(_events.Exists, State.HomeDealershipId.Length == 0 ? null : State.HomeDealershipId, State.OpeningPoints));

    public async Task<bool> ReceiveOpeningAsync(OpeningBalance opening)
    {
        if (State.OpeningPoints is not null)
        {
            return false;
        }

        // The pool journalled the movement when it made it: nothing to journal here.
        State.Wallet.Earn(opening.Points, opening.ExpiresAt);
        State.OpeningPoints = opening.Points;
        await SaveAsync();
        return true;
    }
}
