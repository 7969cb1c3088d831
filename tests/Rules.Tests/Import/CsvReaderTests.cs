using System.Text;
using Pitstop.Api.Import;

namespace Pitstop.Rules.Tests.Import;

public class CsvReaderTests
{
    private static readonly CsvLimits Limits = new(MaxFieldLength: 20, MaxColumns: 5);

    [Fact]
    public async Task Plain_rows_are_read_after_the_header_with_their_index_and_line()
    {
        var (header, rows) = await ReadAllAsync("customerId,name\nC-1,Asha\nC-2,Ravi\n");

        header.Should().Equal("customerId", "name");
        rows.Select(r => (r.Index, r.Line)).Should().Equal((0, 2L), (1, 3L));
        rows[1].Fields.Should().Equal("C-2", "Ravi");
        rows.Should().OnlyContain(r => r.Error == null);
    }

    [Fact]
    public async Task Quoted_fields_hold_commas_and_doubled_quotes()
    {
        var (_, rows) = await ReadAllAsync("a,b\n\"Rao, Asha\",\"She said \"\"hi\"\"\"\n\"\",plain\n");

        rows[0].Fields.Should().Equal("Rao, Asha", "She said \"hi\"");
        rows[1].Fields.Should().Equal("", "plain");
    }

    [Fact]
    public async Task A_quoted_field_holds_line_breaks_read_as_LF_and_the_next_row_knows_its_line()
    {
        var (_, rows) = await ReadAllAsync("a,b\r\n\"two\r\nlines\",x\r\ny,z\r\n");

        rows[0].Fields.Should().Equal("two\nlines", "x");
        rows[1].Line.Should().Be(4);
        rows[1].Fields.Should().Equal("y", "z");
    }

    [Fact]
    public async Task CRLF_LF_and_a_missing_last_line_break_read_alike()
    {
        var crlf = await ReadAllAsync("a,b\r\n1,2\r\n3,4\r\n");
        var lf = await ReadAllAsync("a,b\n1,2\n3,4");

        crlf.Rows.Select(r => string.Join('|', r.Fields)).Should().Equal("1|2", "3|4");
        lf.Rows.Select(r => string.Join('|', r.Fields)).Should().Equal("1|2", "3|4");
    }

    [Fact]
    public async Task A_UTF8_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var (header, rows) = await ReadAllAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("customerId,name\nC-1,Zoë\n")]);

        header[0].Should().Be("customerId");
        rows[0].Fields[1].Should().Be("Zoë");
    }

    [Fact]
    public async Task Empty_lines_are_not_rows_and_empty_fields_are_kept()
    {
        var (_, rows) = await ReadAllAsync("a,b,c\n\n1,,3\n\n\n,,\n\n");

        rows.Select(r => r.Fields.Count).Should().Equal(3, 3);
        rows[0].Fields.Should().Equal("1", "", "3");
        rows[1].Index.Should().Be(1);
    }

    [Fact]
    public async Task A_row_with_another_field_count_than_the_header_says_so_and_reading_goes_on()
    {
        var (_, rows) = await ReadAllAsync("a,b,c\n1,2\n1,2,3,4\n1,2,3\n");

        rows[0].Error.Should().Be("has 2 fields; the header has 3");
        rows[1].Error.Should().Be("has 4 fields; the header has 3");
        rows[2].Error.Should().BeNull();
    }

    [Theory]
    [InlineData("a,b\n1,2\n\"open,3\n4,5\n", 1, 3, "quoted field that is never closed")]
    [InlineData("a,b\n\"x\"y,2\n", 0, 2, "text after the closing quote")]
    [InlineData("a,b\n1,2\nab\"c,2\n", 1, 3, "quote inside an unquoted field")]
    [InlineData("a,b\n1,123456789012345678901\n", 0, 2, "longer than 20 characters")]
    [InlineData("a,b\n1,2,3,4,5,6\n", 0, 2, "more than 5 fields")]
    public async Task Broken_structure_throws_naming_the_data_row_and_its_line(string text, int row, long line, string problem)
    {
        var read = () => ReadAllAsync(text);

        var error = (await read.Should().ThrowAsync<CsvFormatException>()).Which;
        error.Row.Should().Be(row);
        error.Line.Should().Be(line);
        error.Message.Should().Contain($"Data row {row} (line {line})").And.Contain(problem);
    }

    [Fact]
    public async Task A_broken_header_or_an_empty_body_throws_naming_the_header()
    {
        var empty = () => ReadAllAsync("");
        var broken = () => ReadAllAsync("\"a,b\n1,2\n");

        (await empty.Should().ThrowAsync<CsvFormatException>()).Which.Row.Should().BeNull();
        (await broken.Should().ThrowAsync<CsvFormatException>()).Which.Message.Should().StartWith("The header row (line 1)");
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_throw()
    {
        var read = () => ReadAllAsync([.. Encoding.UTF8.GetBytes("a,b\n1,"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\n")]);

        (await read.Should().ThrowAsync<CsvFormatException>()).Which.Message.Should().Contain("not valid UTF-8");
    }

    [Fact]
    public async Task Rows_spanning_the_read_buffer_are_read_whole()
    {
        var text = new StringBuilder("id,name\n");
        for (var i = 0; i < 5_000; i++)
        {
            text.Append(i).Append(",\"name, ").Append(i).Append("\"\r\n");
        }

        var (_, rows) = await ReadAllAsync(text.ToString(), new CsvLimits(100, 5));

        rows.Should().HaveCount(5_000);
        rows[4_999].Fields.Should().Equal("4999", "name, 4999");
    }

    private static Task<(IReadOnlyList<string> Header, List<CsvRow> Rows)> ReadAllAsync(string text, CsvLimits? limits = null) =>
        ReadAllAsync(Encoding.UTF8.GetBytes(text), limits);

    private static async Task<(IReadOnlyList<string> Header, List<CsvRow> Rows)> ReadAllAsync(byte[] bytes, CsvLimits? limits = null)
    {
        using var reader = new CsvReader(new MemoryStream(bytes), limits ?? Limits);
        var header = await reader.ReadHeaderAsync(CancellationToken.None);
        var rows = new List<CsvRow>();
        while (await reader.ReadRowAsync(CancellationToken.None) is { } row)
        {
            rows.Add(row);
        }

        return (header, rows);
    }
}
