using Orleans.Streams;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;
using Pitstop.Grains.Notifications;
using Pitstop.Grains.Outbox;

namespace Pitstop.Grains.Intake;

/// <summary>
/// The network's dead letters (see <see cref="IDeadLettersGrain"/>). Each move, retry and discard
/// is written first and then announced on the notification feed (<see cref="NotificationTypes.EventDeadLettered"/>
/// and the two decisions), so an operator is told, and the feed keeps who decided what.
/// </summary>
public sealed class DeadLettersGrain(
    [PersistentState("dead-letters", StorageNames.Reference)] IPersistentState<DeadLettersState> state,
    RecordsSender records,
    DeliveryMetrics metrics,
    ProgramClock clock)
    : Grain, IDeadLettersGrain
{
    /// <summary>Closed letters kept for the record; open ones are all kept, whatever their number.</summary>
    public const int ClosedKept = 1_000;

    private DeadLettersState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => records.SendAsync(State.Outbox);

    public async Task<DeadLetter> PutAsync(DmsEvent e, string error, int attempts)
    {
        var index = State.Letters.FindIndex(l => l.Event.Key == e.Key);
        if (index >= 0 && State.Letters[index].Status == DeadLetterStatus.Open)
        {
            // Moved aside again before anyone looked (a redelivery after a crash): the same letter.
            return State.Letters[index];
        }

        var letter = new DeadLetter(index >= 0 ? State.Letters[index].Id : ++State.LastId, e, error, attempts, clock.GetUtcNow(), DeadLetterStatus.Open);
        if (index >= 0)
        {
            State.Letters.RemoveAt(index);
        }

        State.Letters.Add(letter);
        Announce(NotificationTypes.EventDeadLettered, letter, by: null);
        await SaveAsync();
        metrics.DeadLettered(e);
        return letter;
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterStatus? status) =>
        Task.FromResult<IReadOnlyList<DeadLetter>>(
            [.. State.Letters.Where(l => status is null || l.Status == status).OrderByDescending(l => l.Id)]);

    public async Task<DeadLetterOutcome> RetryAsync(long id, string by)
    {
        if (Open(id) is not { } outcome)
        {
            return Closed(id);
        }

        // Published before the letter is closed: a crash in between leaves it open, and a second
        // retry publishes the event again, which its grains' idempotency makes harmless.
        var letter = outcome.Letter!;
        await this.GetStreamProvider(EventStreams.ProviderName)
            .GetStream<DmsEvent>(EventStreams.ForDealership(letter.Event.DealershipId))
            .OnNextBatchAsync([letter.Event]);
        return await CloseAsync(letter, DeadLetterStatus.Retried, NotificationTypes.DeadLetterRetried, by);
    }

    /// <summary>
    /// Grains that applied the event before it was moved aside (the stream's first attempts hand a
    /// chunk to all its grains at once) keep no points for it: its dealership's budget takes back
    /// whatever it paid for the event and refuses what it would pay later, as for a reversal, with
    /// the reversal's journal entries.
    /// </summary>
    public async Task<DeadLetterOutcome> DiscardAsync(long id, string by)
    {
        if (Open(id) is not { Letter: { } letter })
        {
            return Closed(id);
        }

        await GrainFactory.Reference<IBudgetGrain>(letter.Event.DealershipId).ReverseAsync(letter.Event.Key);
        return await CloseAsync(letter, DeadLetterStatus.Discarded, NotificationTypes.DeadLetterDiscarded, by);
    }

    private DeadLetterOutcome? Open(long id) =>
        State.Letters.Find(l => l.Id == id) is { Status: DeadLetterStatus.Open } letter ? new(letter, WasOpen: true) : null;

    private DeadLetterOutcome Closed(long id) =>
        new(State.Letters.Find(l => l.Id == id), WasOpen: false);

    private async Task<DeadLetterOutcome> CloseAsync(DeadLetter letter, DeadLetterStatus status, string type, string by)
    {
        var closed = letter with { Status = status, ResolvedBy = by, ResolvedAt = clock.GetUtcNow() };
        State.Letters[State.Letters.IndexOf(letter)] = closed;
        ForgetOldClosed();
        Announce(type, closed, by);
        await SaveAsync();
        metrics.Resolved(closed.Event, status);
        return new(closed, WasOpen: true);
    }

    private void ForgetOldClosed()
    {
        var excess = State.Letters.Count(l => l.Status != DeadLetterStatus.Open) - ClosedKept;
        for (var i = 0; excess > 0 && i < State.Letters.Count;)
        {
            if (State.Letters[i].Status != DeadLetterStatus.Open)
            {
                State.Letters.RemoveAt(i);
                excess--;
            }
            else
            {
                i++;
            }
        }
    }

    private void Announce(string type, DeadLetter letter, string? by)
    {
        var data = new Dictionary<string, string>
        {
            ["deadLetterId"] = letter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["source"] = letter.Event.Source,
            ["eventId"] = letter.Event.Id,
            ["eventType"] = letter.Event.Data.Type,
            ["error"] = letter.Error,
        };
        if (by is not null)
        {
            data["by"] = by;
        }

        // One notification per decision: a letter reopened after a retry is announced again.
        var at = by is null ? letter.At : letter.ResolvedAt!.Value;
        State.Outbox.Notifications.Add(new Notification(
            NotificationIds.OfDeadLetter(type, letter.Id, at), type, NotificationTargets.Operators, at, data, DealershipId: letter.Event.DealershipId));
    }

    private async Task SaveAsync()
    {
        await state.WriteOrReloadAsync(this);
        await records.SendAsync(State.Outbox);
    }
}
