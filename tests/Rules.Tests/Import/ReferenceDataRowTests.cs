using Pitstop.Api.Dealerships;
using Pitstop.Api.Import;
using Pitstop.Api.Intake;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Rules.Tests.Import;

/// <summary>The rules the dealership and staff imports read their rows by, shared with the PUT bodies.</summary>
public class ReferenceDataRowTests
{
    [Theory]
    [InlineData("KA")]
    [InlineData("MH")]
    [InlineData("DL")]
    public void A_dealership_in_an_Indian_state_passes(string state)
    {
        var errors = new FieldErrors();

        DealershipRules.Check(new DealershipProfile("Pitstop", "City", state, "south"), errors.Add);

        errors.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("ka")]
    [InlineData("KAR")]
    public void A_dealership_outside_the_state_codes_is_refused_naming_state(string state)
    {
        var errors = new FieldErrors();

        DealershipRules.Check(new DealershipProfile("Pitstop", "City", state, "south"), errors.Add);

        errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]> { ["state"] = [IndianStates.Message] });
    }

    [Theory]
    [InlineData("technician", StaffRole.Technician)]
    [InlineData("advisor", StaffRole.Advisor)]
    [InlineData("support", StaffRole.Support)]
    [InlineData("manager", StaffRole.Manager)]
    public void A_role_column_reads_the_wire_spellings(string text, StaffRole role)
    {
        var (fields, errors) = Row("role", text);

        fields.Choice("role", WireVocabularies.StaffRoles).Should().Be(role);
        errors.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData("mechanic", "must be one of technician | advisor | support | manager")]
    [InlineData("Technician", "must be one of technician | advisor | support | manager")]
    [InlineData("", "is required")]
    public void A_role_column_outside_the_vocabulary_or_empty_is_an_error_of_that_column(string text, string message)
    {
        var (fields, errors) = Row("role", text);

        fields.Choice("role", WireVocabularies.StaffRoles);

        errors.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string[]> { ["role"] = [message] });
    }

    [Fact]
    public void A_second_row_of_an_id_with_other_values_is_rejected_naming_the_kinds_id_column()
    {
        var tally = new ImportTally();

        tally.SettledAsRepeat(new CsvRow(0, 2, [], null), "employeeId", "S-1", content: 1).Should().BeFalse();
        tally.SettledAsRepeat(new CsvRow(1, 3, [], null), "employeeId", "S-1", content: 1).Should().BeTrue();
        tally.SettledAsRepeat(new CsvRow(2, 4, [], null), "employeeId", "S-1", content: 2).Should().BeTrue();

        var answer = tally.ToAnswer();
        answer.Duplicates.Should().Be(1);
        answer.Rejected.Should().ContainSingle().Which.Errors.Keys.Should().Equal("employeeId");
    }

    private static (RowFields Fields, FieldErrors Errors) Row(string column, string value)
    {
        var errors = new FieldErrors();
        var (columns, _) = ImportColumns.Of([column], [column], []);
        return (new RowFields(new CsvRow(0, 2, [value], null), columns!, errors), errors);
    }
}
