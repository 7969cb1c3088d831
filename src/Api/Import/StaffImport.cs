using Pitstop.Api.Intake;
using Pitstop.Api.Members;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Api.Import;

/// <summary>
/// <c>POST /api/v1/import/staff</c>: an HR export, one row per employee — their employee id (the
/// staff id the dealer systems' events name), name, designation, role and dealership — set as
/// <c>PUT /staff/{id}</c> sets them, held to the same rules. A row that says what the staff member
/// already holds is a duplicate and writes nothing.
/// </summary>
public sealed class StaffImport(IGrainFactory grains, KnownDealerships dealerships) : IRowImport
{
    public const string EmployeeId = "employeeId";
    public const string Name = "name";
    public const string Designation = "designation";
    public const string Role = "role";
    public const string DealershipId = "dealershipId";

    public string IdColumn => EmployeeId;

    public IReadOnlyCollection<string> RequiredColumns { get; } = [EmployeeId, Name, Role, DealershipId];

    public IReadOnlyCollection<string> OptionalColumns { get; } = [Designation];

    public async Task ImportAsync(IReadOnlyList<CsvRow> rows, ImportColumns columns, ImportTally tally)
    {
        var read = new List<(CsvRow Row, string StaffId, StaffProfile Profile)>(rows.Count);
        foreach (var row in rows)
        {
            var errors = new FieldErrors();
            var fields = new RowFields(row, columns, errors);
            var staffId = fields.Id(EmployeeId);
            var profile = new StaffProfile(
                fields.Text(Name, FieldReader.MaxTextLength), fields.Choice(Role, WireVocabularies.StaffRoles), fields.Id(DealershipId),
                fields.OptionalText(Designation, FieldReader.MaxTextLength));
            if (errors.IsEmpty)
            {
                read.Add((row, staffId, profile));
            }
            else
            {
                tally.Reject(row, fields.Raw(EmployeeId), errors);
            }
        }

        var unknown = await dealerships.FindUnknownAsync(read.Select(r => r.Profile.DealershipId));
        var valid = new List<(string StaffId, StaffProfile Profile)>(read.Count);
        foreach (var (row, staffId, profile) in read)
        {
            if (unknown.Contains(profile.DealershipId))
            {
                tally.Reject(row, staffId, DealershipId, KnownDealerships.UnregisteredMessage);
            }
            else if (!tally.SettledAsRepeat(row, EmployeeId, staffId, profile.GetHashCode()))
            {
                valid.Add((staffId, profile));
            }
        }

        var changed = await Task.WhenAll(valid.Select(v => SetAsync(v.StaffId, v.Profile)));
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

    /// <summary>
    /// Sets the member's profile unless they hold it already; whether it changed. The roster is
    /// kept either way, so that a re-upload places staff registered before rosters were kept.
    /// </summary>
    private async Task<bool> SetAsync(string staffId, StaffProfile profile)
    {
        var before = await grains.Reference<IStaffGrain>(staffId).GetAsync();
        await StaffRegistration.RegisterAsync(grains, staffId, profile, before);
        return !StaffRegistration.Holds(before, profile);
    }
}
