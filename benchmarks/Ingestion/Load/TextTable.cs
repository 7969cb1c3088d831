using System.Text;

namespace Pitstop.Ingestion.Load;

/// <summary>A table as Markdown or as aligned plain text: the first column left-aligned, the figures right-aligned.</summary>
public static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IReadOnlyList<string[]> rows, bool markdown)
    {
        var sb = new StringBuilder();
        if (markdown)
        {
            sb.AppendLine("| " + string.Join(" | ", header) + " |");
            sb.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", header.Count - 1)));
            foreach (var row in rows)
            {
                sb.AppendLine("| " + string.Join(" | ", row) + " |");
            }

            return sb.ToString();
        }

        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        sb.AppendLine(Line(header));
        foreach (var row in rows)
        {
            sb.AppendLine(Line(row));
        }

        return sb.ToString();
    }
}
