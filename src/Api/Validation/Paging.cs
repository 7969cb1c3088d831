using System.Globalization;

namespace Pitstop.Api.Validation;

/// <summary>The cursor and page size of the paged reads, checked the same way on every route.</summary>
internal static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;

    /// <summary>The cursor (0 when absent) and the page size; errors name the query parameter at fault.</summary>
    public static (long Cursor, int Limit) Read(string cursorName, string? cursor, string? limit, FieldErrors errors)
    {
        long position = 0;
        if (cursor is not null && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out position) || position < 0))
        {
            errors.Add(cursorName, "must be a cursor returned as next, or absent to read from the start");
        }

        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number 1..{MaxLimit}");
        }

        return (position, size);
    }

    public static string Text(long cursor) => cursor.ToString(CultureInfo.InvariantCulture);
}
