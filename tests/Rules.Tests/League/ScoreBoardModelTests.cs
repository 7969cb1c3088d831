using Pitstop.Grains.League.Ranking;

namespace Pitstop.Rules.Tests.League;

/// <summary>
/// Thousands of random operations on a <see cref="ScoreBoard"/> and on <see cref="NaiveBoard"/>,
/// compared after each one. Scores come from a handful of values so that most members tie; small
/// node capacities make trees five or six levels deep out of a few hundred members, so that
/// every split, merge and redistribution, at leaves and at branches, happens many times.
/// </summary>
public class ScoreBoardModelTests
{
    // Besides S-{n}: ids stored wide (non-ASCII), the empty id, ids that prefix one another, and
    // code units whose UTF-16 order differs from their code points' (U+FF21 after a surrogate pair).
    private static readonly string[] OddIds = ["", "S", "S-1", "S-10", "s-1", "Ü-7", "é", "日本-3", "😀", "\uFF21", "A\0B", "S-1\u00E9"];

    [Theory]
    [InlineData(4, 4, 60, 1)]
    [InlineData(4, 4, 300, 2)]
    [InlineData(5, 4, 300, 3)]
    [InlineData(4, 7, 500, 4)]
    [InlineData(9, 5, 800, 5)]
    public void Random_operations_on_deep_trees_agree_with_a_sorted_list(int leafCapacity, int branchCapacity, int ids, int seed) =>
        Run(new ScoreBoard(leafCapacity, branchCapacity), ids, operations: 20_000, fullCheckEvery: 1, seed);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Random_operations_on_a_board_of_default_capacities_agree_with_a_sorted_list(int seed) =>
        Run(new ScoreBoard(), ids: 6_000, operations: 20_000, fullCheckEvery: 500, seed);

    private static void Run(ScoreBoard board, int ids, int operations, int fullCheckEvery, int seed)
    {
        var random = new Random(seed);
        var pool = Enumerable.Range(0, ids).Select(i => $"S-{i}").Concat(OddIds).ToArray();
        var model = new NaiveBoard();

        for (var i = 0; i < operations; i++)
        {
            var member = pool[random.Next(pool.Length)];
            var roll = random.Next(100);
            string op;
            if (roll < 25)
            {
                var score = random.Next(-3, 4);
                op = $"Set({member}, {score})";
                board.Set(member, score);
                model.Set(member, score);
            }
            else if (roll < 55)
            {
                var delta = random.Next(-2, 3);
                op = $"Add({member}, {delta})";
                board.Add(member, delta);
                model.Add(member, delta);
            }
            else if (roll < 70)
            {
                op = $"Remove({member})";
                Same(board.Remove(member), model.Remove(member), seed, i, op);
            }
            else if (roll < 85)
            {
                var n = random.Next(0, 12);
                op = $"Top({n})";
                SameListing(board.Top(n), model.Top(n), seed, i, op);
            }
            else
            {
                var radius = random.Next(0, 6);
                op = $"Around({member}, {radius})";
                SameListing(board.Around(member, radius), model.Around(member, radius), seed, i, op);
            }

            Same(board.Count, model.Count, seed, i, op);
            Same(board.ScoreOf(member), model.ScoreOf(member), seed, i, op);
            Same(board.RankOf(member), model.RankOf(member), seed, i, op);
            if (i % fullCheckEvery == 0 || i == operations - 1)
            {
                board.Invoking(b => b.CheckInvariants()).Should().NotThrow(Because(seed, i, op));
                SameListing(board.All(), model.All(), seed, i, op);
            }
        }
    }

    // Plain comparisons first: an assertion per check would make the assertions the cost of the test.
    private static void Same<T>(T actual, T expected, int seed, int index, string op)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            actual.Should().Be(expected, Because(seed, index, op));
        }
    }

    private static void SameListing(IEnumerable<RankedMember> actual, IEnumerable<RankedMember> expected, int seed, int index, string op)
    {
        List<RankedMember> a = [.. actual], e = [.. expected];
        if (!a.SequenceEqual(e))
        {
            a.Should().Equal(e, Because(seed, index, op));
        }
    }

    private static string Because(int seed, int index, string op) => $"seed {seed}, operation {index}: {op}";
}
