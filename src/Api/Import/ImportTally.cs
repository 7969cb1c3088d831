using Pitstop.Api.Validation;

namespace Pitstop.Api.Import;

/// <summary>The outcome of every row of one upload so far, and which ids (customers, dealerships, staff) it has named.</summary>
public sealed class ImportTally
{
    private readonly List<RejectedRow> _rejected = [];

    // An id's first row in this upload: its index and a digest of what it says.
    private readonly Dictionary<string, (int Index, long Content)> _ids = new(StringComparer.Ordinal);
    private int _accepted;
    private int _duplicates;

    public void Accept() => _accepted++;

    public void Duplicate() => _duplicates++;

    public void Reject(CsvRow row, string? id, FieldErrors errors) => _rejected.Add(new RejectedRow(row.Index, id, errors.ToDictionary()));

    public void Reject(CsvRow row, string? id, string field, string message) => Reject(row, id, FieldErrors.Of(field, message));

    /// <summary>
    /// Whether an earlier row of this upload named the same <paramref name="id"/> (in <paramref name="idColumn"/>),
    /// in which case this row is settled here: a duplicate when it says the same (<paramref name="content"/>),
    /// rejected when it says something else — one row per id, or which one wins would depend on the order.
    /// </summary>
    public bool SettledAsRepeat(CsvRow row, string idColumn, string id, long content)
    {
        if (_ids.TryAdd(id, (row.Index, content)))
        {
            return false;
        }

        var first = _ids[id];
        if (first.Content == content)
        {
            Duplicate();
        }
        else
        {
            Reject(row, id, idColumn, $"is also in data row {first.Index} of this upload, with other values: one row per {idColumn}");
        }

        return true;
    }

    public ImportAnswer ToAnswer() => new(_accepted, _duplicates, [.. _rejected.OrderBy(r => r.Index)]);
}
