using System.Globalization;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.League;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Loyalty;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Staff;
using Pitstop.Grains.Wallets;

namespace Pitstop.Rules.Tests.Ledger;

/// <summary>
/// The double-entry laws of program.md ("Accounts and points flow"), checked after every step of
/// random traffic. Members are driven as their grains drive them: events decided by
/// <see cref="CustomerDecider"/> and <see cref="StaffDecider"/>, their effects taken and asked of
/// the budgets by <see cref="MemberWallet"/> itself (through its <see cref="IWalletCounterparties"/>
/// port, here budgets in memory), which also funds, reverses, redeems and expires. Budgets are
/// <see cref="BudgetBook"/> moved as <see cref="BudgetGrain"/> moves it, pool included. Besides the
/// calls the grains make, the model opens the windows a crash or the budget's reentrancy leaves
/// between two grains (a top-up recorded but not answered, a pool answer lost, a member's write
/// lost before its replay), because that is where points could be created or lost.
/// </summary>
public class ConservationTests
{
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly ProgramCalendar KolkataCalendar = new(Kolkata, ProgramClock.System);
    private static readonly LotCalendar Calendar = new(KolkataCalendar, 24);
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    // Tiers within reach of a few visits, so that a customer's rate changes between a lost write
    // and its replay: the replay decides other figures than the budget took.
    private static readonly CustomerDecider Customers = new(new ProgramOptions { Tiers = { GoldPoints = 1_500, PlatinumPoints = 4_000 } }, KolkataCalendar, programVersion: 1);
    private static readonly StaffDecider Staff = new(new ProgramOptions(), KolkataCalendar, programVersion: 1);

    // A member whose write is lost decides on a copy of its state: the copy is what is lost.
    private static readonly DeepCopier Copier = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(CustomerState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<DeepCopier>();

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
    /// A visit of the budget's dealership, decided by the member's decider, whose awards its wallet
    /// asks of the budget (<paramref name="Class"/> picks the vehicle class: customers earn by it).
    /// <paramref name="Settle"/>: answered after the budget's settle loop, as <see cref="BudgetGrain"/>
    /// does; otherwise with the book's first answer. <paramref name="LoseWalletWrite"/>: the member
    /// crashed before persisting its decision; the event is applied by a later <see cref="ReplayAward"/>.
    /// </summary>
    private sealed record Award(int Budget, int Wallet, int Class, bool Settle, bool LoseWalletWrite) : Op;

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
        (12, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 4], Gen.Int[0, 2], Gen.Bool, Rarely, (b, w, c, s, l) => (Op)new Award(b, w, c, s, l))),
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

    private sealed record Placed(int Wallet, string Id, long Points)
    {
        public RedemptionStatus Status { get; set; } = RedemptionStatus.Placed;
    }

    /// <summary>An award the budget answered whose member has not persisted it (yet): what the budget took, and the event to replay.</summary>
    private sealed record Unapplied(int Budget, int Wallet, AwardRequest Request, DmsEvent Event);

    /// <summary>The program's time, moved only by the model.</summary>
    private sealed class ModelTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Pool, budgets and member wallets, moved as the grains move them, on a clock that only goes forward.</summary>
    private sealed class World : IWalletCounterparties
    {
        private readonly Coverage _coverage;
        private readonly string[] _dealerships;
        private readonly BudgetBook[] _budgets;
        private readonly MemberRef[] _members;
        private readonly MemberState[] _states;
        private readonly MemberWallet[] _wallets;
        private readonly ModelTime _time = new(Start);

        // The pool, as BrandPoolGrain keeps it: withdrawals are idempotent on the top-up id.
        private readonly HashSet<string> _withdrawals = [];
        private long _pool;
        private long _minted;

        private readonly List<Placed> _redemptions = [];

        // Awards a wallet was told are pending (it showed them pending once), and awards the
        // budget announced as funded to their wallet (Fund called, whatever it answered).
        private readonly HashSet<string> _toldPending = [];
        private readonly HashSet<string> _announced = [];

        // Awards the budget has answered whose member has not persisted the answer yet.
        private readonly List<Unapplied> _unapplied = [];

        // Every award asked for, first asks only, for reversals to name.
        private readonly List<(int Budget, AwardRequest Request)> _asked = [];

        // Replays the budget answered "reversed" (MemberState.RefusedAsReversed): applied, never held.
        private readonly List<Unapplied> _refused = [];

        // How the next asks are answered: after the budget's settle loop, or with its first answer.
        private bool _settleOnAsk;
        private int _events;
        private int _redemptionKeys;

        // The step under way, for the messages of the checks made while it moves points.
        private string _at = "";

        public World(BudgetPolicy[] policies, int wallets, Coverage coverage)
        {
            _coverage = coverage;
            _dealerships = [.. policies.Select((_, i) => $"DLR-{i}")];
            _budgets = [.. policies.Select((policy, i) => new BudgetBook(_dealerships[i], new BudgetState(), new RecentTransfers(), policy, KolkataCalendar))];
            _members = [.. Enumerable.Range(0, wallets).Select(i => new MemberRef(i % 2 == 0 ? MemberKind.Customer : MemberKind.Staff, $"M-{i}"))];
            _states = [.. _members.Select(m => m.Kind == MemberKind.Customer ? (MemberState)new CustomerState() : new StaffState())];
            var clock = new ProgramClock(_time);
            _wallets = [.. _members.Select((m, i) => new MemberWallet(m, () => _states[i], this, clock, (_, _) => Task.FromResult(Calendar)))];
        }

        private DateTimeOffset Now => _time.Now;

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
                    _budgets[b % _budgets.Length].AutoTopUpDue(Now);
                    break;
                case LoseWithdrawalAnswer(var b):
                    LoseWithdrawal(b % _budgets.Length);
                    break;
                case Settle(var b):
                    SettleLoop(b % _budgets.Length);
                    break;
                case SetPolicy(var b, var policy):
                    var book = _budgets[b % _budgets.Length];
                    book.RollMonth(Now);
                    book.State.Policy = policy;
                    SettleLoop(b % _budgets.Length);
                    break;
                case Award award:
                    Visit(award);
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
                    _time.Now += TimeSpan.FromMinutes(minutes);
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

        // The counterparties the wallets ask: budgets as BudgetGrain answers, a catalogue whose
        // item "item-N" costs N points and is always in stock. Everything completes at once.
        public Task<IReadOnlyList<AwardOutcome>> AwardAsync(string dealershipId, IReadOnlyList<AwardRequest> awards)
        {
            var b = Array.IndexOf(_dealerships, dealershipId);
            var book = _budgets[b];
            var outcomes = new List<AwardOutcome>();
            foreach (var request in awards)
            {
                book.RollMonth(Now);
                var queuedBefore = book.State.Pending.Count > 0;
                var isNew = !book.IsKnown(request);
                if (isNew)
                {
                    _asked.Add((b, request));
                }

                var outcome = book.Award(request, Now);
                if (queuedBefore && isNew)
                {
                    outcome.Funded.Should().BeFalse("first in, first out: nothing overtakes a waiting award ({0})", _at);
                }

                if (_settleOnAsk)
                {
                    var queued = !outcome.Funded && !outcome.Reversed;
                    SettleLoop(b);
                    outcome = book.Outcome(request);
                    if (queued && outcome.Funded)
                    {
                        _coverage.AnsweredFundedAfterQueued();
                    }
                }

                outcomes.Add(outcome);
            }

            return Task.FromResult<IReadOnlyList<AwardOutcome>>(outcomes);
        }

        public Task ReturnAsync(string dealershipId, string returnId, long points) =>
            throw new InvalidOperationException("No event of the model gives points back to a budget.");

        public Task<CatalogItem?> ItemAsync(string itemId) =>
            Task.FromResult<CatalogItem?>(new CatalogItem(itemId, itemId, RewardCategory.Lifestyle, long.Parse(itemId["item-".Length..], CultureInfo.InvariantCulture), Stock: null, MinimumTier: null));

        public Task<bool> ReserveAsync(string redemptionId, string itemId, int quantity) => Task.FromResult(true);

        public Task ReleaseAsync(string redemptionId) => Task.CompletedTask;

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
                book.RollMonth(Now);
                book.BeginTopUp(key, points, "admin", Now);
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
            while ((book.State.TopUpsInFlight.FirstOrDefault() ?? (refused ? null : book.AutoTopUpDue(Now))) is { } topUp)
            {
                (++rounds).Should().BeLessThan(1_000, "the monthly cap bounds the auto top-ups of one settle ({0})", _at);
                if (_withdrawals.Contains(topUp.Id))
                {
                    _coverage.LostAnswerRecovered();
                }

                var withdrawn = Withdraw(topUp);
                book.CompleteTopUp(topUp, withdrawn, Now);
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
            if ((book.State.TopUpsInFlight.FirstOrDefault() ?? book.AutoTopUpDue(Now)) is { } topUp)
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

        private DmsEvent VisitEvent(int b, int w, int vehicleClass)
        {
            var member = _members[w];
            var customerId = member.Kind == MemberKind.Customer ? member.Id : "C-walk-in";
            IReadOnlyList<string> technicians = member.Kind == MemberKind.Staff ? [member.Id] : [];
            return new DmsEvent("dms", $"E-{++_events}", Now.AddMinutes(-10), _dealerships[b], new VisitCompleted(
                $"JC-{_events}", customerId, "VIN-1", (VehicleClass)vehicleClass, VisitKind.Scheduled, "S-A", technicians,
                Now.AddHours(-1), Now.AddHours(-2), FirstTimeFix: true, RepeatRepair: false, JobCardAccurate: true, 10_000m));
        }

        private MemberDecision Decide(MemberState state, int w, DmsEvent e) => state switch
        {
            CustomerState customer => Customers.Apply(customer, _members[w].Id, e, referral: null, Now),
            StaffState staff => Staff.Apply(staff, _members[w].Id, e, Now, ChallengesInForce.None(KolkataCalendar)),
            _ => throw new InvalidOperationException("A member is a customer or a staff member."),
        };

        private void Visit(Award award)
        {
            var (b, w) = (award.Budget % _budgets.Length, award.Wallet % _wallets.Length);
            var e = VisitEvent(b, w, award.Class);
            _settleOnAsk = award.Settle;
            if (!award.LoseWalletWrite)
            {
                ApplyEvent(b, w, e);
                return;
            }

            // The member decided and asked, then crashed before its write: the budget took the
            // awards, and the decision made on the state in memory is gone with it.
            var lost = Decide(Copier.Copy(_states[w]), w, e);
            var requests = lost.Effects.Awards.Select(a => new AwardRequest(a.TransferId, _members[w], a.Points, a.Cause, a.OccurredAt)).ToList();
            if (requests.Count > 0)
            {
                AwardAsync(_dealerships[b], requests);
            }

            _unapplied.AddRange(requests.Select(r => new Unapplied(b, w, r, e)));
        }

        /// <summary>The member's ApplyAsync: decide, take the effects, ask the budgets, persist (here: keep).</summary>
        private void ApplyEvent(int b, int w, DmsEvent e)
        {
            var state = _states[w];
            var wallet = _wallets[w];
            wallet.Take(Decide(state, w, e).Effects);
            wallet.AskBudgetsAsync().GetAwaiter().GetResult();
            _toldPending.UnionWith(state.Wallet.PendingCredits.Select(c => c.TransferId));
        }

        private void Replay(int index)
        {
            if (_unapplied.Count == 0)
            {
                return;
            }

            // The stream delivers the event again; the member decides it anew (meanwhile it may
            // have applied other dealerships' events) and asks with the same transfer ids: the
            // budget moves nothing and answers what it took.
            var first = _unapplied[index % _unapplied.Count];
            var replayed = _unapplied.Where(u => u.Event == first.Event).ToList();
            _unapplied.RemoveAll(u => u.Event == first.Event);
            var book = _budgets[first.Budget];
            var (available, awarded) = (book.State.Available, book.State.AwardedTotal);
            _settleOnAsk = false;
            ApplyEvent(first.Budget, first.Wallet, first.Event);
            book.State.Available.Should().Be(available, "a replayed transfer moves nothing ({0})", _at);
            book.State.AwardedTotal.Should().Be(awarded, "a replayed transfer moves nothing ({0})", _at);
            SettleLoop(first.Budget);
            foreach (var unapplied in replayed.Where(u => _states[u.Wallet].RefusedAsReversed.Contains(u.Request.TransferId)))
            {
                _refused.Add(unapplied);
                _coverage.AwardRefusedAsReversed();
            }

            _coverage.Replayed();
        }

        private void Deliver(int b, int w, bool confirmed)
        {
            // BudgetGrain's outbox announcing funded awards to one member, then MemberWallet.FundAsync.
            var book = _budgets[b];
            var ids = book.State.FundedToAnnounce.Where(a => a.Member == _members[w]).Select(a => a.TransferId).ToList();
            var stillPending = ids.Where(id => _toldPending.Contains(id) && !_announced.Contains(id) && !MemberReversed.Contains(id)).ToList();
            var credited = _wallets[w].FundAsync([.. ids.Select(id => new FundedAward(id, Now))]).GetAwaiter().GetResult();
            credited.Select(a => a.TransferId).Should().BeEquivalentTo(stillPending, "a wallet funds an award it shows pending, once ({0})", _at);
            _announced.UnionWith(ids);
            for (var i = 0; i < stillPending.Count; i++)
            {
                _coverage.PendingAwardFunded();
            }

            if (confirmed)
            {
                book.State.Outbox.Deliveries.RemoveAll(d => d is FundedAwardDelivery funded && ids.Contains(funded.Award.TransferId));
            }
        }

        private void Place(int w, long points)
        {
            // Expired points are not spendable: MemberWallet.RedeemAsync expires what is due first.
            var wallet = _states[w].Wallet;
            ExpireDue(w);
            var oldest = wallet.Lots.Count > 0 ? wallet.Lots[0].ExpiresAt : (DateTimeOffset?)null;
            var outcome = _wallets[w].RedeemAsync($"r-{++_redemptionKeys}", $"item-{points}", 1, tier: null, homeDealershipId: null, () => Task.CompletedTask)
                .GetAwaiter().GetResult();
            if (outcome.Redemption is null)
            {
                outcome.Refusal.Should().Be(RedemptionRefusal.InsufficientPoints, "the model's items are always in stock and need no tier ({0})", _at);
                return;
            }

            var taken = _states[w].Redemptions[outcome.Redemption.RedemptionId].Lots;
            taken.Sum(l => l.Points).Should().Be(points, "a redemption takes what it costs ({0})", _at);
            taken[0].ExpiresAt.Should().Be(oldest, "redemption consumes the oldest lot first ({0})", _at);
            if (wallet.Lots.Count > 0)
            {
                taken[^1].ExpiresAt.Should().BeOnOrBefore(wallet.Lots[0].ExpiresAt, "no lot left is older than a lot taken ({0})", _at);
            }

            _redemptions.Add(new Placed(w, outcome.Redemption.RedemptionId, points));
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
            var wallet = _states[redemption.Wallet].Wallet;
            // A wallet in debt after a reversal pays the debt from the refund first (Wallet.Refund).
            var inDebt = wallet.Available < 0;
            var lots = _states[redemption.Wallet].Redemptions[redemption.Id].Lots;
            _wallets[redemption.Wallet].SettleRedemptionAsync(redemption.Id, to, homeDealershipId: null, () => Task.CompletedTask).GetAwaiter().GetResult()!
                .Status.Should().Be(to, "a placed redemption moves to what it is asked ({0})", _at);
            if (to != RedemptionStatus.Cancelled)
            {
                return;
            }

            // Lots given back past their date expire at once.
            foreach (var lot in inDebt ? [] : lots.Where(l => l.ExpiresAt > Now))
            {
                wallet.Lots.Where(l => l.ExpiresAt == lot.ExpiresAt).Sum(l => l.Points).Should().BeGreaterThanOrEqualTo(lot.Points, "a cancellation gives back the lots taken, with their dates ({0})", _at);
            }

            _coverage.Cancelled();
        }

        private void ExpireDue(int w)
        {
            if (_wallets[w].ExpireDue())
            {
                _coverage.LotsExpired();
            }

            _states[w].Wallet.Lots.Where(l => l.ExpiresAt <= Now).Should().BeEmpty("every lot due is gone after expiry ({0})", _at);
        }

        private void ReverseAward(int index)
        {
            if (_asked.Count == 0)
            {
                return;
            }

            // As BudgetGrain.ReverseAsync: refuse the event's awards, flush (here the outbox is the
            // journal), read the event's funded awards from the journal, collect.
            var (b, request) = _asked[index % _asked.Count];
            var book = _budgets[b];
            var original = new EventKey("dms", request.Cause["dms:".Length..]);
            if (book.IsReversalCollected(original))
            {
                return;
            }

            book.BeginReversal(original);
            var funded = book.State.Outbox.Entries
                .Where(e => e.Kind == EntryKinds.Award && e.From == Accounts.Budget(_dealerships[b]) && e.SourceEventId == request.Cause)
                .ToList();
            book.CollectReversal(original, funded, Now);
        }

        private void DeliverReversal(int b, bool confirmed)
        {
            var book = _budgets[b];
            foreach (var reversal in book.State.ReversalsToConfirm.ToList())
            {
                // BudgetGrain's outbox handing the reversal to its member: MemberWallet.Reverse, which
                // takes back only what the member holds of an event it applied.
                var w = Array.IndexOf(_members, reversal.Member);
                var wallet = _states[w].Wallet;
                var (pendingBefore, earnedBefore) = (wallet.Pending, wallet.LifetimeEarned);
                _wallets[w].Reverse([reversal], original => !_unapplied.Exists(u => u.Event.Key == original));
                if (wallet.LifetimeEarned < earnedBefore)
                {
                    _coverage.HeldReversed();
                }
                else if (wallet.Pending < pendingBefore)
                {
                    _coverage.PendingReversed();
                }

                if (confirmed)
                {
                    book.ConfirmReversal(reversal.TransferId, Now);
                }
            }
        }

        private HashSet<string> MemberReversed => [.. _states.SelectMany(s => s.ReversedTransfers)];

        public void CheckLaws(string at)
        {
            var memberReversed = MemberReversed;
            var pending = _budgets.SelectMany(b => b.State.Pending).ToList();
            var pendingIds = pending.Select(p => p.TransferId).ToHashSet();
            // Funded by a top-up, announced to nobody yet, and shown pending by its wallet. An award
            // in FundedToAnnounce its wallet was never told is pending is no promise: BudgetGrain
            // answers after its settle loop, so an award queued and funded by that very call's auto
            // top-up is answered "funded" (earned at once) and still announced (Fund answers none).
            var fundedUnannounced = _budgets.SelectMany(b => b.State.FundedToAnnounce)
                .Where(a => _toldPending.Contains(a.TransferId) && !_announced.Contains(a.TransferId) && !memberReversed.Contains(a.TransferId))
                .ToList();

            // Reversals: a funded award its member has given back travels to its budget until the
            // budget hears so (then it is in the budget's balance); a pending award the budget
            // dropped is still shown pending by its wallet until the member hears so.
            var reversing = _budgets.SelectMany(b => b.State.ReversalsToConfirm).ToList();
            var returning = reversing.Where(r => r.Funded && memberReversed.Contains(r.TransferId)).ToList();
            var droppedStillShown = reversing
                .Where(r => !r.Funded && !memberReversed.Contains(r.TransferId) && _toldPending.Contains(r.TransferId))
                .Select(r => new PendingAward(r.TransferId, r.Member, r.Points, LedgerIds.EventCause(r.Original), Now))
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
                .Where(u => !pendingIds.Contains(u.Request.TransferId) && !memberReversed.Contains(u.Request.TransferId) && !droppedUnpaid.Contains(u.Request.TransferId))
                .ToList();
            var wallets = _states.Select(s => s.Wallet).ToList();

            // 1. minted = pool + Σ budgets + Σ wallets.available + Σ redemptions placed or fulfilled + expired.
            // An award funded by a top-up has left its budget at once, but is spendable only once the
            // announcement reaches the wallet: until then it is counted where it is, in transit.
            var redeemed = _redemptions.Where(r => r.Status != RedemptionStatus.Cancelled).Sum(r => r.Points);
            wallets.Sum(w => w.Redeemed).Should().Be(redeemed, "wallets count as redeemed the redemptions placed or fulfilled ({0})", at);
            _minted.Should().Be(
                _pool + paidNotCredited
                + _budgets.Sum(b => b.State.Available) + fundedUnannounced.Sum(a => a.Points) + awardedNotCredited.Sum(u => u.Request.Points)
                + wallets.Sum(w => w.Available) + redeemed + wallets.Sum(w => w.Expired) + returning.Sum(r => r.Points),
                "points are never created or destroyed ({0})", at);

            // 2. Σ wallets.pending = Σ budgets' unfunded awards. A wallet keeps showing a funded award
            // pending until the budget's announcement reaches it, so "unfunded" from the wallets' side
            // is: queued in a budget, or funded but not announced yet. A queued award whose member
            // has not persisted the answer (replay pending) is not shown by any wallet yet.
            var promised = pending.Where(p => _toldPending.Contains(p.TransferId)).Concat(fundedUnannounced).Concat(droppedStillShown).ToList();
            wallets.Sum(w => w.Pending).Should().Be(promised.Sum(p => p.Points), "wallets show pending exactly the awards not yet funded to them ({0})", at);
            pending.Where(p => !_toldPending.Contains(p.TransferId)).Select(p => p.TransferId)
                .Should().BeSubsetOf(_unapplied.Select(u => u.Request.TransferId), "a queued award is shown pending by its wallet unless a replay is due ({0})", at);
            for (var w = 0; w < wallets.Count; w++)
            {
                var wallet = wallets[w];
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

            // 4. The journal — the budgets' entries and those the members' wallets made (reversals,
            // redemptions, refunds, expiry) — is double entry and agrees with every balance. The
            // journal appends idempotently on the entry id, so an id used twice would lose a movement.
            var entries = _budgets.SelectMany(b => b.State.Outbox.Entries).Concat(_states.SelectMany(s => s.Outbox.Entries)).ToList();
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
            (entries.Where(e => e.To == Accounts.Redeemed).Sum(e => e.Points) - entries.Where(e => e.From == Accounts.Redeemed).Sum(e => e.Points))
                .Should().Be(redeemed, "the journal's redemptions less its refunds are what wallets count redeemed ({0})", at);
            entries.Where(e => e.To == Accounts.Expired).Sum(e => e.Points)
                .Should().Be(wallets.Sum(w => w.Expired), "the journal's expiry entries are what wallets count expired ({0})", at);
            for (var w = 0; w < wallets.Count; w++)
            {
                var account = _members[w].ToString();
                (entries.Where(e => e.To == account).Sum(e => e.Points) - entries.Where(e => e.From == account).Sum(e => e.Points)).Should().Be(
                    wallets[w].LifetimeEarned - wallets[w].Redeemed - wallets[w].Expired
                    + fundedUnannounced.Where(a => a.Member == _members[w]).Sum(a => a.Points)
                    + awardedNotCredited.Where(u => u.Wallet == w).Sum(u => u.Request.Points),
                    "wallet {0} has earned, spent and lost what the journal says, less what has not reached it yet ({1})", w, at);
            }
        }
    }
}
