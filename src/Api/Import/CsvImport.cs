using Microsoft.AspNetCore.Http.HttpResults;
using Pitstop.Api.Validation;

namespace Pitstop.Api.Import;

/// <summary>
/// Runs one upload through an <see cref="IRowImport"/>: checks the whole file first (structure,
/// header, row count), then imports it chunk by chunk. Only a problem with the whole file answers
/// a problem; a bad row is rejected by itself in the answer.
/// </summary>
public static class CsvImport
{
    public const int MaxRows = 200_000;

    /// <summary>Rows handed to the grains together: one brand pool write per chunk of opening balances.</summary>
    public const int ChunkRows = 1_000;

    public static readonly CsvLimits Limits = new(MaxFieldLength: 4_096, MaxColumns: 64);

    /// <summary>The answer, or the problem that kept the whole upload from being imported.</summary>
    public static async Task<(ImportAnswer? Answer, IResult? Problem)> RunAsync(CsvUpload upload, IRowImport import, CancellationToken cancellation)
    {
        if (await CheckAsync(upload, import, cancellation) is { } problem)
        {
            return (null, problem);
        }

        using var reader = new CsvReader(upload.Rewind(), Limits);
        var (columns, _) = ImportColumns.Of(await reader.ReadHeaderAsync(cancellation), import.RequiredColumns, import.OptionalColumns);
        var tally = new ImportTally();
        var chunk = new List<CsvRow>(ChunkRows);
        while (await reader.ReadRowAsync(cancellation) is { } row)
        {
            if (row.Error is not null)
            {
                tally.Reject(row, columns!.Value(row, import.IdColumn), "row", row.Error);
                continue;
            }

            chunk.Add(row);
            if (chunk.Count == ChunkRows)
            {
                await import.ImportAsync(chunk, columns!, tally);
                chunk = new List<CsvRow>(ChunkRows);
            }
        }

        if (chunk.Count > 0)
        {
            await import.ImportAsync(chunk, columns!, tally);
        }

        return (tally.ToAnswer(), null);
    }

    /// <summary>Reads the whole upload once: the problem of a file that cannot be imported as a whole, or null.</summary>
    private static async Task<IResult?> CheckAsync(CsvUpload upload, IRowImport import, CancellationToken cancellation)
    {
        using var reader = new CsvReader(upload.Rewind(), Limits);
        try
        {
            var (_, missing) = ImportColumns.Of(await reader.ReadHeaderAsync(cancellation), import.RequiredColumns, import.OptionalColumns);
            if (missing is not null)
            {
                return Problems.Invalid(missing);
            }

            while (await reader.ReadRowAsync(cancellation) is { } row)
            {
                if (row.Index >= MaxRows)
                {
                    return Problems.TooLarge("An upload may hold at most 200,000 data rows.");
                }
            }

            return null;
        }
        catch (CsvFormatException ex)
        {
            return MalformedCsv(ex);
        }
    }

    private static ValidationProblem MalformedCsv(CsvFormatException ex) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [ex.Row is { } row ? $"rows[{row}]" : "body"] = [ex.Message] },
        detail: "Nothing was imported: fix the file from this row on and upload it again.",
        title: "The body is not CSV text of the expected shape",
        type: "/problems/malformed-csv");
}
