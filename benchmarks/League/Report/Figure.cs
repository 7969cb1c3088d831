using System.Globalization;

namespace Pitstop.League.Report;

/// <summary>
/// One measured figure, a line of the run's results file: <c>members TAB system TAB measure TAB value</c>.
/// league.sh appends Redis's lines itself; this program appends the ScoreBoard's and the API's.
/// </summary>
/// <remarks>
/// Systems: <c>redis</c>, <c>inproc</c> (the ScoreBoard in this process), <c>api</c> (the engine's
/// HTTP API). Measures: <c>update-pipelined</c>, <c>update</c>, <c>rank</c>, <c>top10</c> (per
/// second); <c>rank-p50-ms</c>, <c>rank-p99-ms</c>, <c>top10-p50-ms</c>, <c>top10-p99-ms</c>;
/// <c>memory-bytes</c> (per member); <c>load-seconds</c> (loading the staff ids); <c>failed</c>
/// (API requests that failed).
/// </remarks>
internal sealed record Figure(int Members, string System, string Measure, double Value)
{
    public const string Redis = "redis";
    public const string InProcess = "inproc";
    public const string Api = "api";

    public static void Append(string path, IEnumerable<Figure> figures) =>
        File.AppendAllLines(path, figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Members}\t{f.System}\t{f.Measure}\t{f.Value:R}")));

    public static List<Figure> Read(string path) =>
    [
        .. File.ReadLines(path).Where(line => line.Length > 0).Select(line =>
        {
            var parts = line.Split('\t');
            return parts.Length == 4
                ? new Figure(int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1], parts[2], double.Parse(parts[3], CultureInfo.InvariantCulture))
                : throw new FormatException($"{path}: not a figure: '{line}'");
        }),
    ];
}
