using System.Globalization;

namespace Pitstop.Benchmarks;

/// <summary>
/// <c>--name value</c>, <c>--name=value</c> and <c>--flag</c> command-line arguments, shared by the
/// benchmark programs (linked into each project, see their .csproj).
/// </summary>
internal static class Flags
{
    public static Dictionary<string, string?> Parse(IEnumerable<string> args)
    {
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                {
                    flags[pending] = null;
                }

                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    flags[arg[2..eq]] = arg[(eq + 1)..];
                    pending = null;
                }
                else
                {
                    pending = arg[2..];
                }
            }
            else if (pending is not null)
            {
                flags[pending] = arg;
                pending = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }
        }

        if (pending is not null)
        {
            flags[pending] = null;
        }

        return flags;
    }

    public static string Required(this Dictionary<string, string?> flags, string name) =>
        flags.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : throw new ArgumentException($"--{name} is required");

    public static string Text(this Dictionary<string, string?> flags, string name, string fallback) =>
        flags.TryGetValue(name, out var v) && v is not null ? v : fallback;

    public static int Int(this Dictionary<string, string?> flags, string name, int fallback) =>
        flags.TryGetValue(name, out var v) && v is not null ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static long Long(this Dictionary<string, string?> flags, string name, long fallback) =>
        flags.TryGetValue(name, out var v) && v is not null ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>An RFC 3339 time (<c>2026-11-23T12:00:00Z</c>, <c>…+05:30</c>), or null when the flag is absent.</summary>
    public static DateTimeOffset? Time(this Dictionary<string, string?> flags, string name) =>
        flags.TryGetValue(name, out var v) && v is not null ? DateTimeOffset.Parse(v, CultureInfo.InvariantCulture) : null;

    public static double Double(this Dictionary<string, string?> flags, string name, double fallback) =>
        flags.TryGetValue(name, out var v) && v is not null ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
