using Pitstop.Grains.League.Ranking;

namespace Pitstop.Rules.Tests.League;

/// <summary>The model of a <see cref="ScoreBoard"/>: a dictionary, sorted afresh for every question.</summary>
internal sealed class NaiveBoard
{
    private readonly Dictionary<string, long> _scores = new(StringComparer.Ordinal);

    public int Count => _scores.Count;

    public void Set(string member, long score) => _scores[member] = score;

    public void Add(string member, long delta) => _scores[member] = _scores.GetValueOrDefault(member) + delta;

    public bool Remove(string member) => _scores.Remove(member);

    public long? ScoreOf(string member) => _scores.TryGetValue(member, out var score) ? score : null;

    public int? RankOf(string member) =>
        _scores.TryGetValue(member, out var score) ? 1 + _scores.Values.Count(s => s > score) : null;

    public List<RankedMember> All()
    {
        var listing = _scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

        // In a listing by score descending, the members above a score's first place are exactly those that score higher.
        var higher = new Dictionary<long, int>();
        for (var i = 0; i < listing.Count; i++)
        {
            higher.TryAdd(listing[i].Value, i);
        }

        return [.. listing.Select(p => new RankedMember(1 + higher[p.Value], p.Key, p.Value))];
    }

    public List<RankedMember> Top(int n) => [.. All().Take(n)];

    public List<RankedMember> Around(string member, int radius)
    {
        var all = All();
        var position = all.FindIndex(m => m.Member == member);
        if (position < 0)
        {
            return [];
        }

        var first = Math.Max(position - radius, 0);
        var last = Math.Min(position + radius, all.Count - 1);
        return all.GetRange(first, last - first + 1);
    }
}
