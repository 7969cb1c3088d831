using Pitstop.Api.League;
using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.League;

namespace Pitstop.Rules.Tests.League;

public class BoardReplicaTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(100);

    private readonly SteppedTime _time = new();
    private readonly List<LeaderboardChanges> _pulls = [];
    private BoardChangeFeed _board = new();

    private Task<LeaderboardChanges> Pull(LeaderboardCursor since)
    {
        var changes = _board.ChangesSince(since);
        _pulls.Add(changes);
        return Task.FromResult(changes);
    }

    private static LeagueScore Score(string staffId, long score) => new(staffId, score, "DLR-1", null);

    // A replica of a board holding these scores, read once (its first pull, a snapshot).
    private async Task<BoardReplica> ReadOnceAsync(params LeagueScore[] scores)
    {
        foreach (var score in scores)
        {
            _board.Set(score);
        }

        var replica = new BoardReplica(Pull, _time, MaxAge);
        await replica.ReadAsync(b => b.Count);
        return replica;
    }

    [Fact]
    public async Task The_first_read_pulls_the_whole_board()
    {
        _board.Set(Score("S-1", 10));
        _board.Set(Score("S-2", 30));
        var replica = new BoardReplica(Pull, _time, MaxAge);

        var page = await replica.ReadAsync(b => b.Top(10));

        page.Entries.Select(e => (e.StaffId, e.Rank)).Should().Equal(("S-2", 1), ("S-1", 2));
        _pulls.Should().ContainSingle().Which.IsSnapshot.Should().BeTrue();
    }

    [Fact]
    public async Task A_fresh_replica_answers_without_pulling_and_a_stale_one_pulls_only_the_changes()
    {
        var replica = await ReadOnceAsync(Score("S-1", 10), Score("S-2", 30));

        _board.Set(Score("S-1", 50));
        _time.Advance(TimeSpan.FromMilliseconds(99));
        (await replica.ReadAsync(b => b.Rank("S-1")))!.Score.Should().Be(10, "a replica younger than its maximum age answers as it is");
        _pulls.Should().HaveCount(1);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await replica.ReadAsync(b => b.Rank("S-1"))).Should().Be(new LeaderboardEntry(1, "S-1", null, "DLR-1", 50));
        _pulls.Should().HaveCount(2);
        _pulls[1].IsSnapshot.Should().BeFalse();
        _pulls[1].Scores.Should().Equal(Score("S-1", 50));
    }

    [Fact]
    public async Task Stale_reads_at_the_same_time_share_one_pull()
    {
        var gate = new TaskCompletionSource<LeaderboardChanges>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pulls = 0;
        _board.Set(Score("S-1", 10));
        var replica = new BoardReplica(_ => { pulls++; return gate.Task; }, _time, MaxAge);

        var first = replica.ReadAsync(b => b.Count).AsTask();
        var second = replica.ReadAsync(b => b.Count).AsTask();
        gate.SetResult(_board.ChangesSince(LeaderboardCursor.Start));

        (await Task.WhenAll(first, second)).Should().Equal(1, 1);
        pulls.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_pull_fails_its_reads_and_the_next_read_pulls_again()
    {
        var fail = true;
        _board.Set(Score("S-1", 10));
        var replica = new BoardReplica(since => fail ? Task.FromException<LeaderboardChanges>(new TimeoutException("silo away")) : Pull(since), _time, MaxAge);

        await replica.Invoking(r => r.ReadAsync(b => b.Count).AsTask()).Should().ThrowAsync<TimeoutException>();
        fail = false;

        (await replica.ReadAsync(b => b.Count)).Should().Be(1);
    }

    [Fact]
    public async Task A_board_activated_again_is_pulled_whole_and_replaces_the_copy()
    {
        var replica = await ReadOnceAsync(Score("S-1", 10), Score("S-2", 20));

        _board = new BoardChangeFeed();
        _board.Load(Score("S-2", 20));
        _board.Set(Score("S-3", 5));
        _time.Advance(MaxAge);
        var page = await replica.ReadAsync(b => b.Top(10));

        _pulls[^1].IsSnapshot.Should().BeTrue();
        page.Entries.Select(e => e.StaffId).Should().Equal("S-2", "S-3");
    }

    [Fact]
    public async Task Follows_random_changes_exactly_whether_pulled_as_changes_or_as_snapshots()
    {
        var random = new Random(7);
        _board = new BoardChangeFeed(capacity: 16);
        var replica = new BoardReplica(Pull, _time, TimeSpan.Zero);
        for (var round = 0; round < 300; round++)
        {
            // Sometimes a few changes, sometimes more than the log keeps.
            var changes = random.Next(4) == 0 ? random.Next(17, 40) : random.Next(0, 6);
            for (var i = 0; i < changes; i++)
            {
                _board.Set(Score($"S-{random.Next(60)}", random.Next(0, 25)));
            }

            _time.Advance(TimeSpan.FromMilliseconds(1));
            var copy = await replica.ReadAsync(b => b.Top(100));
            copy.Should().BeEquivalentTo(_board.Listing.Top(100), o => o.WithStrictOrdering(), $"round {round}");
        }

        _pulls.Should().Contain(p => p.IsSnapshot && p.Cursor.Version > 0).And.Contain(p => !p.IsSnapshot && p.Scores.Count > 0);
    }
}
