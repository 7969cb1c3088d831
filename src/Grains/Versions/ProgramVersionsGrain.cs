using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Configuration;

namespace Pitstop.Grains.Versions;

/// <summary>
/// The program's versions (see <see cref="IProgramVersionsGrain"/>). Version 1 is written on first
/// activation from the configuration, and its document follows the configuration of the silo that
/// activates the grain later (the configuration is the program until an admin stores a version);
/// after each write its silo's <see cref="ProgramVersions"/> copy takes the list at once.
/// </summary>
public sealed class ProgramVersionsGrain(
    [PersistentState("program-versions", StorageNames.Reference)] IPersistentState<ProgramVersionsState> state,
    IOptions<ProgramOptions> configured,
    ProgramClock clock,
    ProgramVersions copy)
    : Grain, IProgramVersionsGrain
{
    public const string Configuration = "configuration";

    private List<ProgramVersion> Versions => state.State.Versions;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var document = ProgramDocument.Write(configured.Value);
        if (Versions.Count == 0)
        {
            Versions.Add(new ProgramVersion(1, document, DateTimeOffset.MinValue, null, clock.GetUtcNow(), Configuration));
            await WriteAsync();
        }
        else if (Versions[0].Document != document)
        {
            Versions[0] = Versions[0] with { Document = document };
            await WriteAsync();
        }
    }

    public async Task<ProgramVersionWrite> AddAsync(ProgramVersionDraft draft)
    {
        var now = clock.GetUtcNow();
        var earliest = now + ProgramVersions.Lead;
        if (draft.EffectiveFrom < earliest)
        {
            return new ProgramVersionWrite(null, earliest);
        }

        var version = new ProgramVersion(Versions.Count + 1, draft.Document, draft.EffectiveFrom, draft.Pilot, now, draft.CreatedBy);
        Versions.Add(version);
        await WriteAsync();
        return new ProgramVersionWrite(version, earliest);
    }

    public Task<IReadOnlyList<ProgramVersion>> ListAsync() => Task.FromResult<IReadOnlyList<ProgramVersion>>([.. Versions]);

    public async Task SeedAsync(IReadOnlyList<ProgramVersion> later)
    {
        // Their effectiveFrom lies in the replayed past, which AddAsync rightly refuses.
        if (Versions.Count != 1)
        {
            throw new InvalidOperationException("Only an engine holding its configuration alone (a simulation's silo) takes another engine's versions.");
        }

        Versions.AddRange(later);
        await WriteAsync();
    }

    private async Task WriteAsync()
    {
        var writtenAt = clock.GetUtcNow();
        await state.WriteOrReloadAsync(this);
        copy.Offer([.. Versions], writtenAt);
    }
}
