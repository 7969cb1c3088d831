using Pitstop.Grains.League.Ranking;

namespace Pitstop.Rules.Tests.League;

public class ScoreBoardTests
{
    [Fact]
    public void An_empty_board_answers_nothing()
    {
        var board = new ScoreBoard();

        board.Count.Should().Be(0);
        board.ScoreOf("S-1").Should().BeNull();
        board.RankOf("S-1").Should().BeNull();
        board.Top(10).Should().BeEmpty();
        board.Around("S-1", 5).Should().BeEmpty();
        board.All().Should().BeEmpty();
        board.Remove("S-1").Should().BeFalse();
    }

    [Fact]
    public void Tied_members_share_a_rank_and_are_listed_by_id()
    {
        var board = Board(("S-4", 10), ("S-3", 20), ("S-2", 20), ("S-1", 5), ("S-5", 20));

        board.Top(10).Should().Equal(
            new RankedMember(1, "S-2", 20),
            new RankedMember(1, "S-3", 20),
            new RankedMember(1, "S-5", 20),
            new RankedMember(4, "S-4", 10),
            new RankedMember(5, "S-1", 5));
        board.RankOf("S-5").Should().Be(1);
        board.RankOf("S-4").Should().Be(4);
    }

    [Fact]
    public void Ties_are_listed_by_ordinal_id_not_by_culture()
    {
        var board = Board(("b", 1), ("B", 1), ("a", 1), ("A-2", 1), ("A-10", 1));

        board.All().Select(m => m.Member).Should().Equal("A-10", "A-2", "B", "a", "b");
        board.All().Should().OnlyContain(m => m.Rank == 1);
    }

    [Fact]
    public void Ids_that_are_not_ascii_round_trip_and_order_by_utf16_code_unit()
    {
        // U+FF21 is one code unit, above the surrogate pair of U+1F600: ordinal order puts the emoji first.
        var board = Board(("\uFF21", 7), ("😀", 7), ("Ü-7", 7), ("U-7", 7), ("", 7));

        board.All().Select(m => m.Member).Should().Equal("", "U-7", "Ü-7", "😀", "\uFF21");
        board.ScoreOf("Ü-7").Should().Be(7);
        board.ScoreOf("U\u0308-7").Should().BeNull("ids compare ordinally, without normalisation");
    }

    [Fact]
    public void Around_at_the_top_and_at_the_bottom_lists_what_is_there()
    {
        var board = Board(("S-1", 50), ("S-2", 40), ("S-3", 30), ("S-4", 20), ("S-5", 10));

        board.Around("S-1", 2).Select(m => m.Member).Should().Equal("S-1", "S-2", "S-3");
        board.Around("S-5", 2).Select(m => m.Member).Should().Equal("S-3", "S-4", "S-5");
        board.Around("S-3", 0).Should().Equal(new RankedMember(3, "S-3", 30));
        board.Around("S-3", int.MaxValue).Should().HaveCount(5);
        board.Around("S-9", 2).Should().BeEmpty();
    }

    [Fact]
    public void Around_gives_each_neighbour_its_shared_rank()
    {
        var board = Board(("S-1", 50), ("S-2", 40), ("S-3", 40), ("S-4", 40), ("S-5", 10));

        board.Around("S-4", 1).Should().Equal(
            new RankedMember(2, "S-3", 40),
            new RankedMember(2, "S-4", 40),
            new RankedMember(5, "S-5", 10));
    }

    [Fact]
    public void Negative_scores_rank_below_zero()
    {
        var board = Board(("S-1", -5), ("S-2", 0), ("S-3", -1));
        board.Add("S-2", -10);

        board.Top(3).Should().Equal(
            new RankedMember(1, "S-3", -1),
            new RankedMember(2, "S-1", -5),
            new RankedMember(3, "S-2", -10));
    }

    [Fact]
    public void The_extremes_of_long_are_ordinary_scores()
    {
        var board = Board(("S-1", long.MinValue), ("S-2", long.MaxValue), ("S-3", 0), ("S-4", long.MaxValue));

        board.All().Should().Equal(
            new RankedMember(1, "S-2", long.MaxValue),
            new RankedMember(1, "S-4", long.MaxValue),
            new RankedMember(3, "S-3", 0),
            new RankedMember(4, "S-1", long.MinValue));
    }

    [Fact]
    public void An_addition_that_would_overflow_throws_and_changes_nothing()
    {
        var board = Board(("S-1", long.MaxValue - 1), ("S-2", 3));

        board.Invoking(b => b.Add("S-1", 2)).Should().Throw<OverflowException>();

        board.ScoreOf("S-1").Should().Be(long.MaxValue - 1);
        board.RankOf("S-2").Should().Be(2);
        board.CheckInvariants();
    }

    [Fact]
    public void Add_inserts_an_absent_member_at_the_delta_and_accumulates_after()
    {
        var board = new ScoreBoard();

        board.Add("S-1", 30);
        board.Add("S-1", -5);
        board.Add("S-2", 0);

        board.ScoreOf("S-1").Should().Be(25);
        board.ScoreOf("S-2").Should().Be(0);
        board.Count.Should().Be(2);
    }

    [Fact]
    public void Set_replaces_the_score_and_moves_the_member()
    {
        var board = Board(("S-1", 10), ("S-2", 20));

        board.Set("S-1", 30);

        board.Top(2).Select(m => m.Member).Should().Equal("S-1", "S-2");
        board.Count.Should().Be(2);
    }

    [Fact]
    public void A_removed_member_is_gone_and_can_come_back()
    {
        var board = Board(("S-1", 10), ("S-2", 20), ("S-3", 30));

        board.Remove("S-2").Should().BeTrue();
        board.Remove("S-2").Should().BeFalse();
        board.RankOf("S-1").Should().Be(2);
        board.Set("S-2", 5);

        board.All().Select(m => m.Member).Should().Equal("S-3", "S-1", "S-2");
    }

    [Fact]
    public void Top_takes_what_there_is_and_refuses_a_negative_count()
    {
        var board = Board(("S-1", 10), ("S-2", 20));

        board.Top(0).Should().BeEmpty();
        board.Top(5).Should().HaveCount(2);
        board.Invoking(b => b.Top(-1)).Should().Throw<ArgumentOutOfRangeException>();
        board.Invoking(b => b.Around("S-1", -1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Listing_everything_refuses_to_go_on_after_a_change()
    {
        var board = Board(("S-1", 10), ("S-2", 20));

        var listing = () =>
        {
            foreach (var member in board.All())
            {
                board.Add(member.Member, 1);
            }
        };

        listing.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Removing_most_members_gives_their_ids_space_back_and_keeps_the_rest()
    {
        // Enough removed ids (over 64 KiB, more than the live ones) for the ids to be compacted.
        var board = new ScoreBoard();
        var ids = Enumerable.Range(0, 20_000).Select(i => $"staff-member-{i:D8}").ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            board.Set(ids[i], i % 97);
        }

        foreach (var id in ids.Where((_, i) => i % 10 != 0))
        {
            board.Remove(id).Should().BeTrue();
        }

        board.Count.Should().Be(2_000);
        board.ScoreOf(ids[990]).Should().Be(990 % 97);
        board.ScoreOf(ids[991]).Should().BeNull();
        board.All().Select(m => m.Member).Order(StringComparer.Ordinal).Should().Equal(ids.Where((_, i) => i % 10 == 0));
        board.CheckInvariants();
    }

    [Fact]
    public void An_id_longer_than_a_chunk_of_storage_is_stored_whole()
    {
        var board = new ScoreBoard();
        var longId = string.Concat(Enumerable.Repeat("Ü", 40_000));  // 80,000 bytes stored wide

        board.Set("S-1", 1);
        board.Set(longId, 2);
        board.Set("S-2", 3);

        board.Top(3).Select(m => m.Member).Should().Equal("S-2", longId, "S-1");
    }

    [Fact]
    public void A_million_members_rank_like_their_scores_say()
    {
        var board = new ScoreBoard();
        for (var i = 0; i < 1_000_000; i++)
        {
            board.Set($"S-{i}", i / 4);  // four members per score
        }

        board.RankOf("S-999999").Should().Be(1);
        board.RankOf("S-0").Should().Be(999_997);
        board.Around("S-500001", 1).Should().Equal(
            new RankedMember(499_997, "S-500000", 125_000),
            new RankedMember(499_997, "S-500001", 125_000),
            new RankedMember(499_997, "S-500002", 125_000));
        board.Top(5).Select(m => m.Rank).Should().Equal(1, 1, 1, 1, 5);
        board.CheckInvariants();
    }

    private static ScoreBoard Board(params (string Member, long Score)[] members)
    {
        var board = new ScoreBoard();
        foreach (var (member, score) in members)
        {
            board.Set(member, score);
        }

        return board;
    }
}
