namespace Pitstop.Api.Import;

/// <summary>One kind of import: the columns it reads, and what it does with a chunk of rows.</summary>
public interface IRowImport
{
    /// <summary>The column a row is named by in the answer, and that a row may appear once under in an upload.</summary>
    string IdColumn { get; }

    IReadOnlyCollection<string> RequiredColumns { get; }

    IReadOnlyCollection<string> OptionalColumns { get; }

    /// <summary>Validates and imports <paramref name="rows"/> (at most <see cref="CsvImport.ChunkRows"/>), counting each in <paramref name="tally"/>.</summary>
    Task ImportAsync(IReadOnlyList<CsvRow> rows, ImportColumns columns, ImportTally tally);
}
