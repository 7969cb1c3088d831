using Pitstop.Api.Validation;

namespace Pitstop.Api.Import;

/// <summary>Where each column an import reads sits in the header row; other columns are ignored.</summary>
public sealed class ImportColumns
{
    private readonly Dictionary<string, int> _index;

    private ImportColumns(Dictionary<string, int> index) => _index = index;

    /// <summary>The columns of <paramref name="header"/>, or the errors of a header that lacks a required column or names one twice (keyed by the column).</summary>
    public static (ImportColumns? Columns, FieldErrors? Errors) Of(IReadOnlyList<string> header, IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional)
    {
        var errors = new FieldErrors();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (!required.Contains(name) && !optional.Contains(name))
            {
                continue;
            }

            if (!index.TryAdd(name, i))
            {
                errors.Add(name, "appears more than once in the header row");
            }
        }

        foreach (var name in required.Where(n => !index.ContainsKey(n)))
        {
            errors.Add(name, "is a required column; the header row lacks it");
        }

        return errors.IsEmpty ? (new ImportColumns(index), null) : (null, errors);
    }

    /// <summary>The row's value in <paramref name="column"/>; null when the header has no such column, the row is too short, or the field is empty.</summary>
    public string? Value(CsvRow row, string column) =>
        _index.TryGetValue(column, out var i) && i < row.Fields.Count && row.Fields[i].Length > 0 ? row.Fields[i] : null;
}
