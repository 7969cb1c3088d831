using CsCheck;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Wallets;

namespace Pitstop.Rules.Tests.Ledger;

/// <summary>
/// The double-entry laws of program.md ("Accounts and points flow"), checked after every step of
/// random traffic driven through the plain rule classes (<see cref="BudgetBook"/>,
/// <see cref="Wallet"/>) wired the way the grains wire them, pool included. Besides the calls the
/// grains make, the model opens the windows a crash or the budget's reentrancy leaves between two
/// grains (a top-up recorded but not answered, a pool answer lost, a member's write lost before its
/// replay), because that is where points could be created or lost.
/// </summary>
public class ConservationTests
{
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly ProgramCalendar KolkataCalendar = new(Kolkata, ProgramClock.System);
    private static readonly LotCalendar Calendar = new(KolkataCalendar, 24);
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    // Indices (budget, wallet, redemption) are taken modulo what exists, so that every operation
    // stays valid whatever the shrinker removes around it.
    private abstract record Op;

    /// <summary>An admin mint: the pool grows.</summary>
    private sealed record Mint(long Points) : Op;

    /// <summary>An admin top-up; without <paramref name="Settle"/> the budget stopped after recording it (crash).</summary>
    private sealed record AdminTopUp(int Budget, int Key, long Points, bool Settle) : Op;

    /// <summary>The settle loop recorded the auto top-up due, then was interleaved or crashed before asking the pool.</summary>
    private sealed record StartAutoTopUp(int Budget) : Op;

    /// <summary>The pool withdrew for the budget's next top-up, and the budget lost the answer (crash).</summary>
    private sealed record LoseWithdrawalAnswer(int Budget) : Op;

    /// <summary>The budget's settle loop on its own (activation, or a loop still running after a reentrant call).</summary>
    private sealed record Settle(int Budget) : Op;

    private sealed record SetPolicy(int Budget, BudgetPolicy Policy) : Op;

    /// <summary>
    /// A member asks a budget for points. <paramref name="Settle"/>: answered after the budget's settle
    /// loop, as <see cref="BudgetGrain"/> does; otherwise with the book's first answer.
    /// <paramref name="LoseWalletWrite"/>: the member crashed before persisting the credit; it is
    /// applied by a later <see cref="ReplayAward"/>.
    /// </summary>
    private sealed record Award(int Budget, int Wallet, long Points, bool Settle, bool LoseWalletWrite) : Op;

    private sealed record ReplayAward(int Index) : Op;

    /// <summary>
    /// The budget announces funded awards to one member; unless <paramref name="Confirmed"/>, the
    /// confirmation is lost and the budget will announce them again.
    /// </summary>
    private sealed record Announce(int Budget, int Wallet, bool Confirmed) : Op;

    private sealed record Redeem(int Wallet, long Points) : Op;

    private sealed record Cancel(int Redemption) : Op;

    private sealed record Fulfil(int Redemption) : Op;

    private sealed record Advance(long Minutes) : Op;

    private sealed record Expire(int Wallet) : Op;

    /// <summary>transaction.reversed of an earlier award's event, as BudgetGrain.ReverseAsync handles it.</summary>
    private sealed record Reverse(int Award) : Op;

    /// <summary>The budget's reversal announcements reach their members (MemberWallet.Reverse); the confirmation may be lost.</summary>
    private sealed record DeliverReversals(int Budget, bool Confirmed) : Op;

    // Amount is 0 (no auto top-up) or at least 100, so that the settle loop runs a bounded number
    // of rounds under any cap generated here.
    private static readonly Gen<BudgetPolicy> Policies = Gen.Select(
        Gen.Long[0, 3_000],
        Gen.Frequency((1, Gen.Const(0L)), (5, Gen.Long[100, 5_000])),
        Gen.Long[0, 20_000],
        (threshold, amount, cap) => new BudgetPolicy(threshold, amount, cap));

    private static readonly Gen<bool> Rarely = Gen.FrequencyConst((9, false), (1, true));

    // Lots live 24 months: month-long jumps are frequent enough that most scenarios see lots expire.
    private static readonly Gen<long> Minutes = Gen.Frequency(
        (5, Gen.Long[1, 240]),
        (3, Gen.Long[60 * 24, 60 * 24 * 20]),
        (2, Gen.Long[60 * 24 * 30, 60 * 24 * 30 * 15]));

    private static readonly Gen<Op> Ops = Gen.Frequency(
        (3, Gen.Long[1, 20_000].Select(p => (Op)new Mint(p))),
        (2, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3], Gen.Long[1, 8_000], Gen.Bool, (b, k, p, s) => (Op)new AdminTopUp(b, k, p, s))),
        (1, Gen.Int[0, 2].Select(b => (Op)new StartAutoTopUp(b))),
        (1, Gen.Int[0, 2].Select(b => (Op)new LoseWithdrawalAnswer(b))),
        (2, Gen.Int[0, 2].Select(b => (Op)new Settle(b))),
        (1, Gen.Select(Gen.Int[0, 2], Policies, (b, p) => (Op)new SetPolicy(b, p))),
        (12, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 4], Gen.Long[1, 3_000], Gen.Bool, Rarely, (b, w, p, s, l) => (Op)new Award(b, w, p, s, l))),
        (2, Gen.Int[0, 7].Select(i => (Op)new ReplayAward(i))),
        (4, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 4], Gen.FrequencyConst((4, true), (1, false)), (b, w, c) => (Op)new Announce(b, w, c))),
        (5, Gen.Select(Gen.Int[0, 4], Gen.Long[1, 3_000], (w, p) => (Op)new Redeem(w, p))),
        (2, Gen.Int[0, 7].Select(i => (Op)new Cancel(i))),
        (2, Gen.Int[0, 7].Select(i => (Op)new Fulfil(i))),
        (5, Minutes.Select(m => (Op)new Advance(m))),
        (3, Gen.Int[0, 4].Select(w => (Op)new Expire(w))),
        (2, Gen.Int[0, 40].Select(a => (Op)new Reverse(a))),
        (2, Gen.Select(Gen.Int[0, 2], Gen.FrequencyConst((4, true), (1, false)), (b, c) => (Op)new DeliverReversals(b, c))));

    [Fact]
    public void Points_are_neither_created_nor_lost_by_any_sequence_of_moves()
    {
        var coverage = new Coverage();
        Gen.Select(Policies.Array[2, 3], Gen.Int[3, 5], Ops.Array[1, 200]).Sample(
            (policies, wallets, steps) =>
            {
                var world = new World(policies, wallets, coverage);
                world.CheckLaws("at the start");
                for (var i = 0; i < steps.Length; i++)
                {
                    world.Apply(steps[i], $"step {i} ({steps[i]})");
                    world.CheckLaws($"after step {i} ({steps[i]})");
                }
            },
            iter: 300,
            print: Describe);

        // Not the laws: the generator must reach the moves the laws are about, or they hold vacuously.
        coverage.PendingAwardsFunded.Should().BePositive("some waiting awards are funded by a top-up and reach their wallet");
        coverage.AnsweredFundedAfterQueueing.Should().BePositive("some awards are queued, funded by the same call's auto top-up and answered funded");
        coverage.RefusedTopUps.Should().BePositive("the pool is sometimes short");
        coverage.LostAnswersRecovered.Should().BePositive("a top-up whose pool answer was lost is finished later");
        coverage.Replays.Should().BePositive();
        coverage.Cancellations.Should().BePositive();
        coverage.ExpiredLots.Should().BePositive();
        coverage.ReversedHeld.Should().BePositive("some reversals take back points a wallet holds");
        coverage.ReversedPending.Should().BePositive("some reversals drop awards still pending");
        coverage.RefusedAsReversed.Should().BePositive("some replays meet an award whose event was reversed meanwhile");
    }

    // CsCheck's default print elides long arrays; a failing scenario is read step by step.
    private static string Describe((BudgetPolicy[] Policies, int Wallets, Op[] Steps) scenario) =>
        string.Join(Environment.NewLine, [
            $"budgets: {string.Join(", ", scenario.Policies.AsEnumerable())}; wallets: {scenario.Wallets}",
            .. scenario.Steps.Select((op, i) => $"{i}: {op}")]);

    [Fact]
    public void A_cancelled_redemption_gives_back_the_very_lots_it_took()
    {
        var wallet = new Wallet();
        var first = Calendar.ExpiryOf(Start);
        var second = Calendar.ExpiryOf(Start.AddDays(3));
        var third = Calendar.ExpiryOf(Start.AddDays(40));
        wallet.Earn(300, first);
        wallet.Earn(500, second);
        wallet.Earn(200, third);
        var before = wallet.Lots.ToList();

        var taken = wallet.Redeem(600);

        taken.Should().Equal(new Lot(first, 300), new Lot(second, 300));
        wallet.Lots.Should().Equal(new Lot(second, 200), new Lot(third, 200));

        wallet.Refund(taken);

        wallet.Lots.Should().Equal(before, "the refund restores each lot with its own expiry, not a fresh one");
        wallet.Available.Should().Be(1_000);
        wallet.Redeemed.Should().Be(0);
        // Given back with its old date, the oldest lot still expires when it would have.
        wallet.ExpireDue(first).Should().Equal(new Lot(first, 300));
        wallet.Available.Should().Be(700);
    }

    private sealed class Coverage
    {
        private long _pendingAwardsFunded;
        private long _answeredFundedAfterQueueing;
        private long _refusedTopUps;
        private long _lostAnswersRecovered;
        private long _replays;
        private long _cancellations;
        private long _expiredLots;
        private long _reversedHeld;
        private long _reversedPending;
        private long _refusedAsReversed;

        public long ReversedHeld => Interlocked.Read(ref _reversedHeld);

        public long ReversedPending => Interlocked.Read(ref _reversedPending);

        public long RefusedAsReversed => Interlocked.Read(ref _refusedAsReversed);

        public void HeldReversed() => Interlocked.Increment(ref _reversedHeld);

        public void PendingReversed() => Interlocked.Increment(ref _reversedPending);

        public void AwardRefusedAsReversed() => Interlocked.Increment(ref _refusedAsReversed);

        public long PendingAwardsFunded => Interlocked.Read(ref _pendingAwardsFunded);

        public long AnsweredFundedAfterQueueing => Interlocked.Read(ref _answeredFundedAfterQueueing);

        public long RefusedTopUps => Interlocked.Read(ref _refusedTopUps);

        public long LostAnswersRecovered => Interlocked.Read(ref _lostAnswersRecovered);

        public long Replays => Interlocked.Read(ref _replays);

        public long Cancellations => Interlocked.Read(ref _cancellations);

        public long ExpiredLots => Interlocked.Read(ref _expiredLots);

        public void PendingAwardFunded() => Interlocked.Increment(ref _pendingAwardsFunded);

        public void AnsweredFundedAfterQueued() => Interlocked.Increment(ref _answeredFundedAfterQueueing);

        public void TopUpRefused() => Interlocked.Increment(ref _refusedTopUps);

        public void LostAnswerRecovered() => Interlocked.Increment(ref _lostAnswersRecovered);

        public void Replayed() => Interlocked.Increment(ref _replays);

        public void Cancelled() => Interlocked.Increment(ref _cancellations);

        public void LotsExpired() => Interlocked.Increment(ref _expiredLots);
    }

    private sealed record Placed(int Wallet, IReadOnlyList<Lot> Lots, long Points)
    {
        public RedemptionStatus Status { get; set; } = RedemptionStatus.Placed;
    }

    private sealed record Unapplied(int Budget, int Wallet, AwardRequest Request);

    /// <summary>Pool, budgets and wallets, moved as the grains move them, on a clock that only goes forward.</summary>
    private sealed class World
    {
        private readonly Coverage _coverage;
        private readonly string[] _dealerships;
        private readonly BudgetBook[] _budgets;
        private readonly MemberRef[] _members;
        private readonly Wallet[] _wallets;

        // The pool, as BrandPoolGrain keeps it: withdrawals are idempotent on the top-up id.
        private readonly HashSet<string> _withdrawals = [];
        private long _pool;
        private long _minted;

        private readonly List<Placed> _redemptions = [];

        // Awards a wallet was told are pending (AddPending), and awards the budget announced as
        // funded to their wallet (Fund called, whatever it answered).
        private readonly HashSet<string> _toldPending = [];
        private readonly HashSet<string> _announced = [];

        // Awards the budget has answered whose member has not persisted the answer yet.
        private readonly List<Unapplied> _unapplied = [];

        // Every award asked for, by number (its event), for reversals to name.
        private readonly List<(int Budget, int Wallet, AwardRequest Request)> _asked = [];

        // Reversals the members have handled (MemberState.ReversedTransfers), and the entries they
        // journalled back to a budget.
        private readonly HashSet<string> _memberReversed = [];

        // Replays the budget answered "reversed" (MemberState.RefusedAsReversed): applied, never held.
        private readonly List<Unapplied> _refused = [];
        private readonly List<LedgerEntry> _memberEntries = [];

        private DateTimeOffset _now = Start;
        private int _awards;

        // The step under way, for the messages of the checks made while it moves points.
        private string _at = "";

        public World(BudgetPolicy[] policies, int wallets, Coverage coverage)
        {
            _coverage = coverage;
            _dealerships = [.. policies.Select((_, i) => $"DLR-{i}")];
            _budgets = [.. policies.Select((policy, i) => new BudgetBook(_dealerships[i], new BudgetState(), new RecentTransfers(), policy, KolkataCalendar))];
            _members = [.. Enumerable.Range(0, wallets).Select(i => new MemberRef(i % 2 == 0 ? MemberKind.Customer : MemberKind.Staff, $"M-{i}"))];
            _wallets = [.. _members.Select(_ => new Wallet())];
        }

        public void Apply(Op op, string at)
        {
            _at = at;
            switch (op)
            {
                case Mint(var points):
                    _pool += points;
                    _minted += points;
                    break;
                case AdminTopUp(var b, var k, var points, var settle):
                    TopUp(b % _budgets.Length, $"key-{k}", points, settle);
                    break;
                case StartAutoTopUp(var b):
                    _budgets[b % _budgets.Length].AutoTopUpDue(_now);
                    break;
                case LoseWithdrawalAnswer(var b):
                    LoseWithdrawal(b % _budgets.Length);
                    break;
                case Settle(var b):
                    SettleLoop(b % _budgets.Length);
                    break;
                case SetPolicy(var b, var policy):
                    var book = _budgets[b % _budgets.Length];
                    book.RollMonth(_now);
                    book.State.Policy = policy;
                    SettleLoop(b % _budgets.Length);
                    break;
                case Award award:
                    Ask(award);
                    break;
                case ReplayAward(var index):
                    Replay(index);
                    break;
                case Announce(var b, var w, var confirmed):
                    Deliver(b % _budgets.Length, w % _wallets.Length, confirmed);
                    break;
                case Redeem(var w, var points):
                    Place(w % _wallets.Length, points);
                    break;
                case Cancel(var index):
                    SettleRedemption(index, RedemptionStatus.Cancelled);
                    break;
                case Fulfil(var index):
                    SettleRedemption(index, RedemptionStatus.Fulfilled);
                    break;
                case Advance(var minutes):
                    _now += TimeSpan.FromMinutes(minutes);
                    break;
                case Expire(var w):
                    ExpireDue(w % _wallets.Length);
                    break;
                case Reverse(var index):
                    ReverseAward(index);
                    break;
                case DeliverReversals(var b, var confirmed):
                    DeliverReversal(b % _budgets.Length, confirmed);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(op), op, "Not an operation of the model.");
            }
        }

        private void TopUp(int b, string key, long points, bool settle)
        {
            // As BudgetGrain.TopUpAsync: a key done answers as before, a key under way starts nothing new.
            var book = _budgets[b];
            if (book.IsTopUpDone(key))
            {
                return;
            }

            if (!book.IsTopUpInFlight(key))
            {
                book.RollMonth(_now);
                book.BeginTopUp(key, points, "admin", _now);
            }

            if (settle)
            {
                SettleLoop(b);
            }
        }

        /// <summary>BudgetGrain.SettleOnceAsync: top-ups under way first, then auto top-ups until one is refused.</summary>
        private void SettleLoop(int b)
        {
            var book = _budgets[b];
            var refused = false;
            var rounds = 0;
            while ((book.State.TopUpsInFlight.FirstOrDefault() ?? (refused ? null : book.AutoTopUpDue(_now))) is { } topUp)
            {
                (++rounds).Should().BeLessThan(1_000, "the monthly cap bounds the auto top-ups of one settle ({0})", _at);
                if (_withdrawals.Contains(topUp.Id))
                {
                    _coverage.LostAnswerRecovered();
                }

                var withdrawn = Withdraw(topUp);
                book.CompleteTopUp(topUp, withdrawn, _now);
                refused |= !withdrawn;
                if (!withdrawn)
                {
                    _coverage.TopUpRefused();
                }
            }
        }

        private void LoseWithdrawal(int b)
        {
            // The grain persists the top-up as under way before asking the pool: that record is all
            // the budget keeps when it crashes before the answer.
            var book = _budgets[b];
            if ((book.State.TopUpsInFlight.FirstOrDefault() ?? book.AutoTopUpDue(_now)) is { } topUp)
            {
                Withdraw(topUp);
            }
        }

        private bool Withdraw(TopUpRecord topUp)
        {
            if (_withdrawals.Contains(topUp.Id))
            {
                return true;
            }

            if (_pool < topUp.Points)
            {
                return false;
            }

            _pool -= topUp.Points;
            _withdrawals.Add(topUp.Id);
            return true;
        }

        private void Ask(Award award)
        {
            var (b, w) = (award.Budget % _budgets.Length, award.Wallet % _wallets.Length);
            var member = _members[w];
            var number = ++_awards;
            var request = new AwardRequest($"dms:{number}:{member}", member, award.Points, $"dms:{number}");
            var book = _budgets[b];
            book.RollMonth(_now);
            var queuedBefore = book.State.Pending.Count > 0;
            _asked.Add((b, w, request));
            var outcome = book.Award(request, _now);
            if (queuedBefore)
            {
                outcome.Funded.Should().BeFalse("first in, first out: nothing overtakes a waiting award ({0})", _at);
            }

            if (award.Settle)
            {
                var queued = !outcome.Funded;
                SettleLoop(b);
                outcome = book.Outcome(request);
                if (queued && outcome.Funded)
                {
                    _coverage.AnsweredFundedAfterQueued();
                }
            }

            if (award.LoseWalletWrite)
            {
                _unapplied.Add(new Unapplied(b, w, request));
            }
            else
            {
                Credit(b, w, request, outcome);
            }
        }

        private void Replay(int index)
        {
            if (_unapplied.Count == 0)
            {
                return;
            }

            // The member's replay asks again with the same transfer id: the budget moves nothing.
            var (b, w, request) = _unapplied[index % _unapplied.Count];
            _unapplied.RemoveAt(index % _unapplied.Count);
            var book = _budgets[b];
            var (available, awarded) = (book.State.Available, book.State.AwardedTotal);
            book.RollMonth(_now);
            book.Award(request, _now);
            book.State.Available.Should().Be(available, "a replayed transfer moves nothing ({0})", _at);
            book.State.AwardedTotal.Should().Be(awarded, "a replayed transfer moves nothing ({0})", _at);
            SettleLoop(b);
            var outcome = book.Outcome(request);
            if (outcome.Reversed)
            {
                _refused.Add(new Unapplied(b, w, request));
                _coverage.AwardRefusedAsReversed();
            }

            Credit(b, w, request, outcome);
            _coverage.Replayed();
        }

        private void Credit(int b, int w, AwardRequest request, AwardOutcome outcome)
        {
            if (outcome.Reversed)
            {
                // The event was reversed before the member persisted its award: nothing is owed.
                return;
            }

            if (outcome.Funded)
            {
                _wallets[w].Earn(request.Points, Calendar.ExpiryOf(_now));
            }
            else
            {
                _wallets[w].AddPending(request.TransferId, request.Points, _dealerships[b]);
                _toldPending.Add(request.TransferId);
            }
        }

        private void Deliver(int b, int w, bool confirmed)
        {
            // BudgetGrain.AnnounceFundedAwards for one member, then MemberWallet.Fund.
            var book = _budgets[b];
            var ids = book.State.FundedToAnnounce.Where(a => a.Member == _members[w]).Select(a => a.TransferId).ToList();
            foreach (var id in ids)
            {
                var stillPending = _toldPending.Contains(id) && !_announced.Contains(id) && !_memberReversed.Contains(id);
                _wallets[w].Fund(id, Calendar.ExpiryOf(_now)).Should().Be(stillPending, "a wallet funds an award it shows pending, once ({0})", _at);
                _announced.Add(id);
                if (stillPending)
                {
                    _coverage.PendingAwardFunded();
                }
            }

            if (confirmed)
            {
                book.State.Outbox.Deliveries.RemoveAll(d => d is FundedAwardDelivery funded && ids.Contains(funded.Award.TransferId));
            }
        }

        private void Place(int w, long points)
        {
            // As MemberWallet.RedeemAsync: expired points are not spendable; too few points is a refusal.
            var wallet = _wallets[w];
            ExpireDue(w);
            if (wallet.Available < points)
            {
                return;
            }

            var oldest = wallet.Lots[0].ExpiresAt;
            var taken = wallet.Redeem(points);
            taken.Sum(l => l.Points).Should().Be(points, "a redemption takes what it costs ({0})", _at);
            taken[0].ExpiresAt.Should().Be(oldest, "redemption consumes the oldest lot first ({0})", _at);
            if (wallet.Lots.Count > 0)
            {
                taken[^1].ExpiresAt.Should().BeOnOrBefore(wallet.Lots[0].ExpiresAt, "no lot left is older than a lot taken ({0})", _at);
            }

            _redemptions.Add(new Placed(w, taken, points));
        }

        private void SettleRedemption(int index, RedemptionStatus to)
        {
            var placed = _redemptions.Where(r => r.Status == RedemptionStatus.Placed).ToList();
            if (placed.Count == 0)
            {
                return;
            }

            var redemption = placed[index % placed.Count];
            redemption.Status = to;
            if (to != RedemptionStatus.Cancelled)
            {
                return;
            }

            var wallet = _wallets[redemption.Wallet];
            // A wallet in debt after a reversal pays the debt from the refund first (Wallet.Refund).
            var inDebt = wallet.Available < 0;
            wallet.Refund(redemption.Lots);
            foreach (var lot in inDebt ? [] : redemption.Lots)
            {
                wallet.Lots.Where(l => l.ExpiresAt == lot.ExpiresAt).Sum(l => l.Points).Should().BeGreaterThanOrEqualTo(lot.Points, "a cancellation gives back the lots taken, with their dates ({0})", _at);
            }

            _coverage.Cancelled();
        }

        private void ExpireDue(int w)
        {
            var wallet = _wallets[w];
            if (wallet.ExpireDue(_now).Count > 0)
            {
                _coverage.LotsExpired();
            }

            wallet.Lots.Where(l => l.ExpiresAt <= _now).Should().BeEmpty("every lot due is gone after expiry ({0})", _at);
        }

        private void ReverseAward(int index)
        {
            if (_asked.Count == 0)
            {
                return;
            }

            // As BudgetGrain.ReverseAsync: refuse the event's awards, flush (here the outbox is the
            // journal), read the event's funded awards from the journal, collect.
            var (b, _, request) = _asked[index % _asked.Count];
            var book = _budgets[b];
            var original = new Pitstop.Grains.Interfaces.Intake.EventKey("dms", request.Cause["dms:".Length..]);
            if (book.IsReversalCollected(original))
            {
                return;
            }

            book.BeginReversal(original);
            var funded = book.State.Outbox.Entries
                .Where(e => e.Kind == EntryKinds.Award && e.From == Accounts.Budget(_dealerships[b]) && e.SourceEventId == request.Cause)
                .ToList();
            book.CollectReversal(original, funded, _now);
        }

        private void DeliverReversal(int b, bool confirmed)
        {
            var book = _budgets[b];
            foreach (var reversal in book.State.ReversalsToConfirm.ToList())
            {
                // As MemberWallet.Reverse.
                var w = Array.IndexOf(_members, reversal.Member);
                var wallet = _wallets[w];
                if (_memberReversed.Add(reversal.TransferId))
                {
                    var wasPending = wallet.DropPending(reversal.TransferId);
                    var applied = !_unapplied.Exists(u => u.Request.TransferId == reversal.TransferId)
                        && !_refused.Exists(u => u.Request.TransferId == reversal.TransferId);
                    if (!wasPending && applied)
                    {
                        wallet.TakeBack(reversal.Points);
                        _coverage.HeldReversed();
                    }
                    else if (wasPending)
                    {
                        _coverage.PendingReversed();
                    }

                    if (reversal.Funded)
                    {
                        _memberEntries.Add(new LedgerEntry(
                            $"reversal:{reversal.TransferId}", _now, EntryKinds.Reversal, reversal.Member.ToString(),
                            Accounts.Budget(_dealerships[b]), reversal.Points, _dealerships[b], LedgerIds.EventCause(reversal.Original), "event reversed"));
                    }
                }

                if (confirmed)
                {
                    book.ConfirmReversal(reversal.TransferId, _now);
                }
            }
        }

        public void CheckLaws(string at)
        {
            var pending = _budgets.SelectMany(b => b.State.Pending).ToList();
            var pendingIds = pending.Select(p => p.TransferId).ToHashSet();
            // Funded by a top-up, announced to nobody yet, and shown pending by its wallet. An award
            // in FundedToAnnounce its wallet was never told is pending is no promise: BudgetGrain
            // answers after its settle loop, so an award queued and funded by that very call's auto
            // top-up is answered "funded" (earned at once) and still announced (Fund answers false).
            var fundedUnannounced = _budgets.SelectMany(b => b.State.FundedToAnnounce)
                .Where(a => _toldPending.Contains(a.TransferId) && !_announced.Contains(a.TransferId) && !_memberReversed.Contains(a.TransferId))
                .ToList();

            // Reversals: a funded award its member has given back travels to its budget until the
            // budget hears so (then it is in the budget's balance); a pending award the budget
            // dropped is still shown pending by its wallet until the member hears so.
            var reversing = _budgets.SelectMany(b => b.State.ReversalsToConfirm).ToList();
            var returning = reversing.Where(r => r.Funded && _memberReversed.Contains(r.TransferId)).ToList();
            var droppedStillShown = reversing
                .Where(r => !r.Funded && !_memberReversed.Contains(r.TransferId) && _toldPending.Contains(r.TransferId))
                .Select(r => new PendingAward(r.TransferId, r.Member, r.Points, LedgerIds.EventCause(r.Original), _now))
                .ToList();

            // Two windows hold points outside every balance, and are zero when no crash is being
            // recovered (then the laws are those of program.md, word for word): a top-up the pool
            // paid whose answer the budget lost (finished on its next settle, the pool answering the
            // same id "withdrawn" without paying twice), and an award its budget paid whose member
            // has not persisted it yet (credited by the replay).
            var paidNotCredited = _budgets.SelectMany(b => b.State.TopUpsInFlight).Where(t => _withdrawals.Contains(t.Id)).Sum(t => t.Points);
            // An unpersisted award of a reversed event is owed to nobody once it was dropped while
            // pending, or once its member gave it back (then it is "returning", or back home).
            var droppedUnpaid = reversing.Where(r => !r.Funded).Select(r => r.TransferId).ToHashSet();
            // A replay refused as reversed leaves a paid award with nobody until its member gives it back.
            var awardedNotCredited = _unapplied.Concat(_refused)
                .Where(u => !pendingIds.Contains(u.Request.TransferId) && !_memberReversed.Contains(u.Request.TransferId) && !droppedUnpaid.Contains(u.Request.TransferId))
                .ToList();

            // 1. minted = pool + Σ budgets + Σ wallets.available + Σ redemptions placed or fulfilled + expired.
            // An award funded by a top-up has left its budget at once, but is spendable only once the
            // announcement reaches the wallet: until then it is counted where it is, in transit.
            var redeemed = _redemptions.Where(r => r.Status != RedemptionStatus.Cancelled).Sum(r => r.Points);
            _wallets.Sum(w => w.Redeemed).Should().Be(redeemed, "wallets count as redeemed the redemptions placed or fulfilled ({0})", at);
            _minted.Should().Be(
                _pool + paidNotCredited
                + _budgets.Sum(b => b.State.Available) + fundedUnannounced.Sum(a => a.Points) + awardedNotCredited.Sum(u => u.Request.Points)
                + _wallets.Sum(w => w.Available) + redeemed + _wallets.Sum(w => w.Expired) + returning.Sum(r => r.Points),
                "points are never created or destroyed ({0})", at);

            // 2. Σ wallets.pending = Σ budgets' unfunded awards. A wallet keeps showing a funded award
            // pending until the budget's announcement reaches it, so "unfunded" from the wallets' side
            // is: queued in a budget, or funded but not announced yet. A queued award whose member
            // has not persisted the answer (replay pending) is not shown by any wallet yet.
            var promised = pending.Where(p => _toldPending.Contains(p.TransferId)).Concat(fundedUnannounced).Concat(droppedStillShown).ToList();
            _wallets.Sum(w => w.Pending).Should().Be(promised.Sum(p => p.Points), "wallets show pending exactly the awards not yet funded to them ({0})", at);
            pending.Where(p => !_toldPending.Contains(p.TransferId)).Select(p => p.TransferId)
                .Should().BeSubsetOf(_unapplied.Select(u => u.Request.TransferId), "a queued award is shown pending by its wallet unless a replay is due ({0})", at);
            for (var w = 0; w < _wallets.Length; w++)
            {
                var wallet = _wallets[w];
                wallet.Pending.Should().Be(wallet.PendingCredits.Sum(c => c.Points), "a wallet's pending total is its pending credits ({0})", at);
                wallet.PendingCredits.Select(c => (c.TransferId, c.Points)).Order().Should().Equal(
                    promised.Where(p => p.Member == _members[w]).Select(p => (p.TransferId, p.Points)).Order(),
                    "wallet {0} shows pending its own awards not yet funded to it ({1})", w, at);

                // 3. Lots add up to the spendable balance, ordered by expiry, none empty.
                wallet.Lots.Sum(l => l.Points).Should().Be(Math.Max(wallet.Available, 0), "wallet {0}'s lots hold its balance ({1})", w, at);
                wallet.Lots.Where(l => l.Points <= 0).Should().BeEmpty("wallet {0} keeps no empty lot ({1})", w, at);
                wallet.Lots.Select(l => l.ExpiresAt).Should().BeInAscendingOrder("wallet {0}'s lots are soonest first ({1})", w, at)
                    .And.OnlyHaveUniqueItems("one lot per expiry ({0})", at);
            }

            // 4. The budgets' journal entries are double entry and agree with every balance. The
            // journal appends idempotently on the entry id, so an id used twice would lose a movement.
            var entries = _budgets.SelectMany(b => b.State.Outbox.Entries).Concat(_memberEntries).ToList();
            entries.Select(e => e.Id).Should().OnlyHaveUniqueItems("the journal keeps one entry per id ({0})", at);
            entries.Where(e => e.Points <= 0 || e.From == e.To).Should().BeEmpty("an entry moves points between two accounts ({0})", at);
            for (var b = 0; b < _budgets.Length; b++)
            {
                var account = Accounts.Budget(_dealerships[b]);
                var budget = _budgets[b].State;
                (entries.Where(e => e.To == account).Sum(e => e.Points) - entries.Where(e => e.From == account).Sum(e => e.Points))
                    .Should().Be(budget.Available + returning.Where(r => r.DealershipId == _dealerships[b]).Sum(r => r.Points), "budget {0}'s entries add up to its balance ({1})", b, at);

                // First in, first out: nothing waits while the budget could fund the oldest award.
                if (budget.Pending.Count > 0)
                {
                    budget.Available.Should().BeLessThan(budget.Pending[0].Points, "budget {0} funds what it can ({1})", b, at);
                }
            }

            entries.Where(e => e.From == Accounts.Pool).Sum(e => e.Points)
                .Should().Be(_minted - _pool - paidNotCredited, "the journal shows every top-up the pool paid, once ({0})", at);
            for (var w = 0; w < _wallets.Length; w++)
            {
                var account = _members[w].ToString();
                (entries.Where(e => e.To == account).Sum(e => e.Points) - entries.Where(e => e.From == account).Sum(e => e.Points)).Should().Be(
                    _wallets[w].LifetimeEarned
                    + fundedUnannounced.Where(a => a.Member == _members[w]).Sum(a => a.Points)
                    + awardedNotCredited.Where(u => u.Wallet == w).Sum(u => u.Request.Points),
                    "wallet {0} has earned what the journal awarded it, less what has not reached it yet ({1})", w, at);
            }
        }
    }
}
