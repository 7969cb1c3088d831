using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Grains.Recovery;

/// <summary>
/// One dealership month of settled incidents (see <see cref="IRecoveryArchiveGrain"/>). Written when
/// a desk hands it incidents and when one of them changes later (an NPS answer after, a visit that
/// retains, points redeemed): a month's incidents, not the dealership's year, travel with each write.
/// </summary>
public sealed class RecoveryArchiveGrain(
    [PersistentState("recovery-archive", StorageNames.Grains)] IPersistentState<RecoveryArchiveState> state,
    IOptions<ProgramOptions> program,
    ProgramClock clock)
    : Grain, IRecoveryArchiveGrain
{
    private readonly IncidentFigures _figures = new(new RecoveryRules(program.Value.Recovery));

    private Dictionary<string, IncidentSummary> Incidents => state.State.Incidents;

    public async Task KeepAsync(IReadOnlyList<IncidentSummary> summaries)
    {
        foreach (var summary in summaries)
        {
            Incidents[summary.IncidentId] = summary;
        }

        await state.WriteOrReloadAsync(this);
    }

    public async Task<bool> UpdateAsync(IncidentSummary summary)
    {
        if (!Incidents.ContainsKey(summary.IncidentId))
        {
            return false;
        }

        Incidents[summary.IncidentId] = summary;
        await state.WriteOrReloadAsync(this);
        return true;
    }

    public Task<IReadOnlyList<IncidentSummary>> ListAsync(IncidentStatus? status, IncidentPosition? after, int limit) =>
        Task.FromResult<IReadOnlyList<IncidentSummary>>([.. Incidents.Values
            .Where(i => (status is null || i.Status == status) && (after is not { } cursor || IncidentPosition.NewestFirst.Compare(i.Position, cursor) > 0))
            .OrderBy(i => i.Position, IncidentPosition.NewestFirst)
            .Take(limit)]);

    public Task<IReadOnlyList<RecoveryBucket>> StatsAsync(DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<string> excluding) =>
        Task.FromResult(_figures.Buckets(
            RecoveryArchives.DealershipOf(this.GetPrimaryKeyString()),
            Incidents.Values.Where(i => (from is null || i.OpenedAt >= from) && (to is null || i.OpenedAt < to) && !excluding.Contains(i.IncidentId)),
            clock.GetUtcNow()));
}

[GenerateSerializer, Alias("pitstop.RecoveryArchiveState")]
public sealed class RecoveryArchiveState
{
    /// <summary>The latest summary of each settled incident of the month, by incident id.</summary>
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = [];
}
