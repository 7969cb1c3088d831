using Pitstop.Grains.Interfaces.League;
using Pitstop.Grains.League;
using Pitstop.Grains.Staff;

namespace Pitstop.Rules.Tests.League;

/// <summary>Kiosk PINs: stored as a salted PBKDF2 hash, and locked after five wrong ones in a row for a quarter of an hour.</summary>
public class PinRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_pin_hash_matches_its_pin_only_and_the_same_pin_hashes_differently_under_each_salt()
    {
        var first = PinHash.Create("2468", iterations: 1_000);
        var second = PinHash.Create("2468", iterations: 1_000);

        first.Matches("2468").Should().BeTrue();
        first.Matches("2469").Should().BeFalse();
        first.Salt.Should().NotEqual(second.Salt);
        first.Hash.Should().NotEqual(second.Hash, "a per-PIN salt: equal PINs are not equal hashes");
        first.Hash.Should().HaveCount(32);
        PinHash.Create("2468").Iterations.Should().Be(PinHash.DefaultIterations);
    }

    [Fact]
    public void Five_wrong_pins_in_a_row_lock_for_fifteen_minutes_and_a_right_one_ends_the_run()
    {
        var attempts = new PinAttempts();
        attempts.Record(false, Now).Should().Be(new PinCheck(PinOutcome.Wrong, 4, null));
        attempts.Record(true, Now).Outcome.Should().Be(PinOutcome.Opened);
        attempts.Failures.Should().Be(0, "a right PIN ends the run");

        for (var i = 0; i < 4; i++)
        {
            attempts.Record(false, Now);
        }

        var fifth = attempts.Record(false, Now);
        fifth.Should().Be(new PinCheck(PinOutcome.Wrong, 0, Now.AddMinutes(15)));
        attempts.IsLocked(Now.AddMinutes(14)).Should().BeTrue();
        attempts.IsLocked(Now.AddMinutes(15)).Should().BeFalse();
        attempts.Record(false, Now.AddMinutes(15)).AttemptsLeft.Should().Be(4, "after the lock, a fresh run of five");
    }

    [Fact]
    public void A_reset_ends_a_lock()
    {
        var attempts = new PinAttempts();
        for (var i = 0; i < PinAttempts.MaxFailures; i++)
        {
            attempts.Record(false, Now);
        }

        attempts.Reset();
        attempts.IsLocked(Now).Should().BeFalse();
        attempts.Failures.Should().Be(0);
    }
}
