namespace Pitstop.Api.Import;

/// <summary>Text that is not CSV from some point on (<see cref="CsvReader"/>): nothing of the upload is imported.</summary>
public sealed class CsvFormatException(string message, int? row, long line) : Exception(message)
{
    /// <summary>The 0-based index of the data row at fault; null for the header row, or for bytes that are not UTF-8.</summary>
    public int? Row { get; } = row;

    /// <summary>The 1-based line the row at fault starts on.</summary>
    public long Line { get; } = line;
}
