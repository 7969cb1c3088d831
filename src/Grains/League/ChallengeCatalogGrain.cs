using System.Globalization;
using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.League;

namespace Pitstop.Grains.League;

/// <summary>
/// The challenge catalogue (see <see cref="IChallengeCatalogGrain"/>). Configured challenges seed it
/// on first activation; after each write its silo's <see cref="ChallengeCatalogCopy"/> takes the new
/// version at once.
/// </summary>
public sealed class ChallengeCatalogGrain(
    [PersistentState("challenges", StorageNames.Reference)] IPersistentState<ChallengeCatalogState> state,
    IOptions<ProgramOptions> program,
    ProgramClock clock,
    ProgramCalendar calendar,
    ChallengeCatalogCopy copy)
    : Grain, IChallengeCatalogGrain
{
    private ChallengeCatalogState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var seeds = program.Value.League.Challenges.Where(c => c.Value.Count > 0 && !State.Seeded.Contains(c.Key)).ToList();
        foreach (var (id, rule) in seeds)
        {
            State.Challenges.TryAdd(id, Seed(id, rule));
            State.Seeded.Add(id);
        }

        if (seeds.Count > 0)
        {
            await WriteAsync();
        }
    }

    public async Task<ChallengeWrite> CreateAsync(Challenge challenge)
    {
        if (State.Challenges.TryGetValue(challenge.ChallengeId, out var stored))
        {
            return stored == challenge ? Answer(ChallengeWriteOutcome.Unchanged, stored) : Answer(ChallengeWriteOutcome.Exists, stored);
        }

        State.Challenges[challenge.ChallengeId] = challenge;
        await WriteAsync();
        return Answer(ChallengeWriteOutcome.Written, challenge);
    }

    public async Task<ChallengeWrite> EditAsync(Challenge challenge)
    {
        if (!State.Challenges.TryGetValue(challenge.ChallengeId, out var stored))
        {
            return Answer(ChallengeWriteOutcome.NotFound, null);
        }

        if (stored.ClosedAt is not null)
        {
            return Answer(ChallengeWriteOutcome.Closed, stored);
        }

        if (ChallengeEdits.RefusedFields(stored, challenge, clock.GetUtcNow(), calendar) is { Count: > 0 } refused)
        {
            return new ChallengeWrite(ChallengeWriteOutcome.Started, stored, refused);
        }

        var edited = challenge with { ClosedAt = null };
        if (edited == stored)
        {
            return Answer(ChallengeWriteOutcome.Unchanged, stored);
        }

        State.Challenges[challenge.ChallengeId] = edited;
        await WriteAsync();
        return Answer(ChallengeWriteOutcome.Written, edited);
    }

    public async Task<ChallengeWrite> CloseAsync(string challengeId)
    {
        if (!State.Challenges.TryGetValue(challengeId, out var stored))
        {
            return Answer(ChallengeWriteOutcome.NotFound, null);
        }

        if (stored.ClosedAt is not null)
        {
            return Answer(ChallengeWriteOutcome.Unchanged, stored);
        }

        var closed = stored with { ClosedAt = clock.GetUtcNow() };
        State.Challenges[challengeId] = closed;
        await WriteAsync();
        return Answer(ChallengeWriteOutcome.Written, closed);
    }

    public Task<ChallengeCatalog> CatalogAsync() => Task.FromResult(Catalog());

    /// <summary>A configured challenge as the catalogue holds it: national; of its month, or of every month.</summary>
    public static Challenge Seed(string id, ChallengeRule rule)
    {
        DateOnly? from = rule.Month.Length == 0 ? null : DateOnly.ParseExact(rule.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Challenge(id, rule.Name.Length > 0 ? rule.Name : id, rule.Metric, rule.Count, rule.Bonus, ChallengeScope.National, from, from?.AddMonths(1).AddDays(-1), null);
    }

    private ChallengeCatalog Catalog() =>
        new(State.Version, [.. State.Challenges.Values.OrderBy(c => c.ChallengeId, StringComparer.Ordinal)]);

    private async Task WriteAsync()
    {
        State.Version++;
        await state.WriteOrReloadAsync(this);
        copy.Offer(Catalog());
    }

    private static ChallengeWrite Answer(ChallengeWriteOutcome outcome, Challenge? challenge) => new(outcome, challenge, []);
}
