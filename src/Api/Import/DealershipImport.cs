using Pitstop.Api.Dealerships;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Dealerships;

namespace Pitstop.Api.Import;

/// <summary>
/// <c>POST /api/v1/import/dealerships</c>: each row registers or updates a dealership as
/// <c>PUT /dealerships/{id}</c> does, held to the same rules (<see cref="DealershipRules"/>). A row
/// that says what the dealership already holds is a duplicate and writes nothing.
/// </summary>
public sealed class DealershipImport(IGrainFactory grains) : IRowImport
{
    public const string DealershipId = "dealershipId";
    public const string Name = "name";
    public const string City = "city";
    public const string State = "state";
    public const string Region = "region";

    public string IdColumn => DealershipId;

    public IReadOnlyCollection<string> RequiredColumns { get; } = [DealershipId, Name, City, State, Region];

    public IReadOnlyCollection<string> OptionalColumns { get; } = [];

    public async Task ImportAsync(IReadOnlyList<CsvRow> rows, ImportColumns columns, ImportTally tally)
    {
        var valid = new List<(string DealershipId, DealershipProfile Profile)>(rows.Count);
        foreach (var row in rows)
        {
            var errors = new FieldErrors();
            var fields = new RowFields(row, columns, errors);
            var dealershipId = fields.Id(DealershipId);
            var profile = new DealershipProfile(
                fields.Text(Name, FieldReader.MaxTextLength), fields.Text(City, FieldReader.MaxTextLength),
                fields.Text(State, FieldReader.MaxTextLength), fields.Text(Region, FieldReader.MaxTextLength));
            DealershipRules.Check(profile, fields.Error);
            if (!errors.IsEmpty)
            {
                tally.Reject(row, fields.Raw(DealershipId), errors);
            }
            else if (!tally.SettledAsRepeat(row, DealershipId, dealershipId, profile.GetHashCode()))
            {
                valid.Add((dealershipId, profile));
            }
        }

        var registered = await Task.WhenAll(valid.Select(v => RegisterAsync(v.DealershipId, v.Profile)));
        foreach (var changed in registered)
        {
            if (changed)
            {
                tally.Accept();
            }
            else
            {
                tally.Duplicate();
            }
        }
    }

    /// <summary>Registers the dealership unless it holds this profile already; whether it changed.</summary>
    private async Task<bool> RegisterAsync(string dealershipId, DealershipProfile profile)
    {
        var dealership = grains.Reference<IDealershipGrain>(dealershipId);
        if (await dealership.ProfileAsync() == profile)
        {
            return false;
        }

        await dealership.RegisterAsync(profile);
        return true;
    }
}
