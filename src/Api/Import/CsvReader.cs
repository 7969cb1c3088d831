using System.Text;

namespace Pitstop.Api.Import;

/// <summary>What one upload may hold: bounds that keep a hostile file from exhausting memory.</summary>
public sealed record CsvLimits(int MaxFieldLength, int MaxColumns);

/// <summary>One data row: its 0-based index among the data rows, the line it starts on, its fields.</summary>
/// <param name="Error">Why the row cannot be read field by field (a field count unlike the header's); null when it can.</param>
public sealed record CsvRow(int Index, long Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// A streaming reader of RFC 4180 text: a header row, then data rows; comma separators; fields
/// optionally in double quotes, with <c>""</c> for a quote and line breaks allowed inside; CRLF or
/// LF (a lone CR too) between rows; UTF-8, with or without a byte order mark. A line break inside a
/// quoted field is read as LF, whatever the file used. Empty lines are skipped (a file's last line
/// break is often doubled). It reads the stream as it goes and holds one row at a time.
/// <para>
/// What breaks the file's structure from some point on — a quote left open, text after a closing
/// quote, a quote inside an unquoted field, a field or a row over the limits, bytes that are not
/// UTF-8 — throws <see cref="CsvFormatException"/>: the rows after it cannot be trusted. A row with
/// the wrong number of fields is only that row's problem (<see cref="CsvRow.Error"/>).
/// </para>
/// </summary>
public sealed class CsvReader : IDisposable
{
    private const char Quote = '"';
    private const char Separator = ',';
    private const char LineEnd = '\n';
    private const int EndOfText = -1;

    private readonly StreamReader _text;
    private readonly CsvLimits _limits;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private bool _afterCarriageReturn;
    private bool _started;
    private long _line = 1;
    private int _width = -1;
    private int _rows;

    public CsvReader(Stream body, CsvLimits limits)
    {
        // No encoding detection: only UTF-8 is read (its BOM is skipped below), and invalid bytes throw.
        _text = new StreamReader(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        _limits = limits;
    }

    /// <summary>The header row's fields. Throws <see cref="CsvFormatException"/> when the text is empty.</summary>
    public async ValueTask<IReadOnlyList<string>> ReadHeaderAsync(CancellationToken cancellation)
    {
        var header = await ReadRecordAsync(cancellation) ?? throw new CsvFormatException("The body is empty: a header row is required.", row: null, line: 1);
        _width = header.Fields.Count;
        return header.Fields;
    }

    /// <summary>The next data row, or null at the end of the text. Read the header first.</summary>
    public async ValueTask<CsvRow?> ReadRowAsync(CancellationToken cancellation)
    {
        if (_width < 0)
        {
            throw new InvalidOperationException("Read the header row first.");
        }

        var record = await ReadRecordAsync(cancellation);
        if (record is null)
        {
            return null;
        }

        var fields = record.Value.Fields;
        var error = fields.Count == _width ? null : $"has {fields.Count} field{(fields.Count == 1 ? "" : "s")}; the header has {_width}";
        return new CsvRow(_rows++, record.Value.Line, fields, error);
    }

    public void Dispose() => _text.Dispose();

    private async ValueTask<(List<string> Fields, long Line)?> ReadRecordAsync(CancellationToken cancellation)
    {
        var fields = new List<string>(Math.Max(_width, 4));
        var line = _line;
        _field.Clear();
        var fieldStarted = false;
        while (true)
        {
            var c = await ReadCharAsync(cancellation);
            if (c == Quote && !fieldStarted)
            {
                await ReadQuotedAsync(line, cancellation);
                c = await ReadCharAsync(cancellation);
                if (c is not (Separator or LineEnd or EndOfText))
                {
                    throw Error("has text after the closing quote of a field", line);
                }

                fieldStarted = true;
            }

            switch (c)
            {
                case EndOfText when fields.Count == 0 && !fieldStarted:
                    return null;
                case LineEnd when fields.Count == 0 && !fieldStarted:
                    // An empty line: not a row.
                    line = _line;
                    continue;
                case EndOfText or LineEnd:
                    EndField(fields, line);
                    return (fields, line);
                case Separator:
                    EndField(fields, line);
                    fieldStarted = false;
                    continue;
                case Quote:
                    throw Error("has a quote inside an unquoted field (quote the whole field and double the quote)", line);
                default:
                    Append((char)c, line);
                    fieldStarted = true;
                    continue;
            }
        }
    }

    /// <summary>Reads a quoted field's text up to its closing quote (consumed).</summary>
    private async ValueTask ReadQuotedAsync(long line, CancellationToken cancellation)
    {
        while (true)
        {
            var c = await ReadCharAsync(cancellation);
            if (c == EndOfText)
            {
                throw Error("has a quoted field that is never closed", line);
            }

            if (c == Quote)
            {
                if (await PeekCharAsync(cancellation) != Quote)
                {
                    return;
                }

                await ReadCharAsync(cancellation);
            }

            Append((char)c, line);
        }
    }

    private void Append(char c, long line)
    {
        if (_field.Length >= _limits.MaxFieldLength)
        {
            throw Error($"has a field longer than {_limits.MaxFieldLength} characters", line);
        }

        _field.Append(c);
    }

    private void EndField(List<string> fields, long line)
    {
        if (fields.Count >= _limits.MaxColumns)
        {
            throw Error($"has more than {_limits.MaxColumns} fields", line);
        }

        fields.Add(_field.ToString());
        _field.Clear();
    }

    private CsvFormatException Error(string problem, long line) => _width < 0
        ? new CsvFormatException($"The header row (line {line}) {problem}.", row: null, line)
        : new CsvFormatException($"Data row {_rows} (line {line}) {problem}.", _rows, line);

    /// <summary>The next character, with CRLF and a lone CR read as LF; <see cref="EndOfText"/> at the end.</summary>
    private async ValueTask<int> ReadCharAsync(CancellationToken cancellation)
    {
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellation))
            {
                return EndOfText;
            }

            var c = _buffer[_position++];
            if (c == '\n' && _afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                continue;
            }

            _afterCarriageReturn = c == '\r';
            if (c is '\r' or '\n')
            {
                _line++;
                return LineEnd;
            }

            return c;
        }
    }

    private async ValueTask<int> PeekCharAsync(CancellationToken cancellation)
    {
        if (_position == _length && !await FillAsync(cancellation))
        {
            return EndOfText;
        }

        return _buffer[_position];
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellation)
    {
        while (true)
        {
            try
            {
                _length = await _text.ReadAsync(_buffer, cancellation);
            }
            catch (DecoderFallbackException)
            {
                // Text is decoded a block at a time, so the row at fault is not known.
                throw new CsvFormatException($"The body is not valid UTF-8 text (at or after line {_line}).", row: null, _line);
            }

            _position = 0;
            if (_length == 0)
            {
                return false;
            }

            // A byte order mark says "UTF-8" and nothing more: it is not part of the first column's name.
            if (!_started)
            {
                _started = true;
                _position = _buffer[0] == '\uFEFF' ? 1 : 0;
            }

            if (_position < _length)
            {
                return true;
            }
        }
    }
}
