using System.Globalization;

namespace Pitstop.League;

/// <summary>
/// The members of the benchmark's boards, by index, and their starting scores: the same for the
/// ScoreBoard, for Redis and for an engine seeded for the HTTP stage.
/// </summary>
internal static class BoardMembers
{
    private const int StaffPerDealership = 50;

    // Scores: a month of KPI points, up to a busy technician's 20,000 — many members tie.
    private const int MaxScore = 20_000;

    /// <summary>Staff ids of the engine's kind, like <c>S-118-T21</c> (dealership 118, technician 21): for the memory figures.</summary>
    public static string StaffId(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"S-{(index / StaffPerDealership) + 1}-T{(index % StaffPerDealership) + 1}");

    /// <summary>
    /// The ids redis-benchmark makes of <c>S-__rand_int__</c> with <c>-r N</c> (a 12-digit number below
    /// N): for the throughput figures, so that both sides are asked about the same members.
    /// </summary>
    public static string BenchmarkId(int index) => string.Create(CultureInfo.InvariantCulture, $"S-{index:D12}");

    /// <summary>Member <c>i</c> with its starting score, from the seed.</summary>
    public static IEnumerable<(string Id, long Score)> Initial(int members, Func<int, string> id, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < members; i++)
        {
            yield return (id(i), random.Next(0, MaxScore + 1));
        }
    }
}
