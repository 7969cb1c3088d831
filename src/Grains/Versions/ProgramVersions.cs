using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Configuration;
using Pitstop.Grains.Interfaces.Dealerships;
using Pitstop.Grains.Interfaces;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Wallets;

namespace Pitstop.Grains.Versions;

/// <summary>
/// A silo's copy of the program's versions, the one seam through which grains learn the rules that
/// judge an event (<see cref="At"/>) or the work they do now (<see cref="NowAsync"/>). No grain call per
/// event: the versions grain stores a version only if it takes effect at least <see cref="Lead"/>
/// after it is stored, so a copy read at program time R holds every version in force up to
/// R + <see cref="Lead"/>; it trusts itself to R + <see cref="Lead"/> − <see cref="Skew"/> (silos' clocks
/// differ) and reads again, before deciding, a batch that holds an event beyond that — or, under a
/// states' pilot, an event of a dealership it has no state for.
/// </summary>
public sealed class ProgramVersions(IGrainFactory grains, ProgramClock clock, ProgramCalendar calendar, IOptions<ProgramOptions> configured)
{
    /// <summary>
    /// How far ahead of its storing a version must take effect (decisions.md, program versions): the
    /// intake's future tolerance and a minute, so that a copy read at R trusts itself beyond the
    /// furthest event the intake takes for the next 30 s — a clock-skewed DMS sending every event
    /// minutes ahead costs one read per silo per 30 s, not one per batch.
    /// </summary>
    public static readonly TimeSpan Lead = IntakeWindow.MaxFuture + TimeSpan.FromMinutes(1);

    /// <summary>How far the silos' clocks may differ: the versions grain's "now" may trail this silo's.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<int, ProgramInForce> _built = [];
    private ProgramVersionBook? _book;
    private IReadOnlyDictionary<string, string> _states = new Dictionary<string, string>();
    private DateTimeOffset _knownUntil = DateTimeOffset.MinValue;
    private Task? _reading;
    private long _reads;

    /// <summary>How many times this copy read the versions grain (tests count them).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Makes sure the copy knows the versions that judge <paramref name="events"/>; then <see cref="At"/> answers for them.</summary>
    public Task CoverAsync(IEnumerable<DmsEvent> events)
    {
        lock (_lock)
        {
            return events.All(e => Covers(e.OccurredAt, e.DealershipId)) ? Task.CompletedTask : Read();
        }
    }

    /// <summary>The version that judges an event of <paramref name="dealershipId"/> at <paramref name="at"/> (after <see cref="CoverAsync"/>).</summary>
    public ProgramInForce At(DateTimeOffset at, string? dealershipId)
    {
        lock (_lock)
        {
            return Judge(at, dealershipId);
        }
    }

    /// <summary>The version that judges what happens at <paramref name="at"/> for <paramref name="dealershipId"/>, reading the grain first if the copy cannot tell.</summary>
    public async Task<ProgramInForce> AtAsync(DateTimeOffset at, string? dealershipId)
    {
        Task reading;
        lock (_lock)
        {
            if (Covers(at, dealershipId))
            {
                return Judge(at, dealershipId);
            }

            reading = Read();
        }

        await reading;
        return At(at, dealershipId);
    }

    /// <summary>How long a lot earned at <paramref name="at"/>, paid for by <paramref name="dealershipId"/>, lives.</summary>
    public async Task<LotCalendar> LotsAsync(DateTimeOffset at, string dealershipId) => (await AtAsync(at, dealershipId)).Lots;

    /// <summary>The version in force now for <paramref name="dealershipId"/>'s members: scheduled work and views.</summary>
    public Task<ProgramInForce> NowAsync(string? dealershipId) => AtAsync(clock.GetUtcNow(), dealershipId);

    /// <summary>Every version known now, oldest first: for scheduled work that must cover what any of them decided.</summary>
    public async Task<IReadOnlyList<ProgramInForce>> AllAsync()
    {
        await NowAsync(dealershipId: null);
        lock (_lock)
        {
            return _book!.Versions;
        }
    }

    /// <summary>Takes the versions its silo's versions grain just stored (or read), read at program time <paramref name="readAt"/>.</summary>
    public void Offer(IReadOnlyList<ProgramVersion> versions, DateTimeOffset readAt, IReadOnlyDictionary<string, string>? states = null)
    {
        lock (_lock)
        {
            if (_book is not null && versions.Count < _book.Versions.Count)
            {
                return;
            }

            var program = configured.Value;
            _book = new ProgramVersionBook([.. versions.Select(v => Built(v, program))]);
            _knownUntil = readAt + Lead - Skew;
            _states = states ?? _states;
        }
    }

    // Without a dealership, the version for everyone, which needs no state.
    private bool Covers(DateTimeOffset at, string? dealershipId) =>
        _book is { } book && at < _knownUntil && (dealershipId is null || _states.ContainsKey(dealershipId) || !book.PilotsStatesAt(at));

    private ProgramInForce Judge(DateTimeOffset at, string? dealershipId)
    {
        var book = _book ?? throw new InvalidOperationException("the program's versions were not read yet: cover the events first");
        return book.At(at, dealershipId, dealershipId is null ? null : _states.GetValueOrDefault(dealershipId));
    }

    // Versions are never changed once stored, but version 1 follows the configuration of the silos that activate the versions grain.
    private ProgramInForce Built(ProgramVersion version, ProgramOptions program)
    {
        if (!_built.TryGetValue(version.Number, out var built) || built.Version.Document != version.Document)
        {
            built = new ProgramInForce(version, ProgramDocument.Parse(version.Document, program), calendar);
            _built[version.Number] = built;
        }

        return built;
    }

    // One read at a time: the batches that find the copy behind meanwhile wait on the same one.
    private Task Read()
    {
        if (_reading is null || _reading.IsCompleted)
        {
            _reading = ReadAsync();
        }

        return _reading;
    }

    private async Task ReadAsync()
    {
        Interlocked.Increment(ref _reads);
        var readAt = clock.GetUtcNow();
        var versions = await grains.Reference<IProgramVersionsGrain>(IProgramVersionsGrain.Key).ListAsync();
        IReadOnlyDictionary<string, string>? states = null;
        if (versions.Any(v => v.Pilot is { States.Count: > 0 }))
        {
            var directory = await grains.Reference<IDealershipDirectoryGrain>(IDealershipDirectoryGrain.Key).ListAsync();
            states = directory.ToDictionary(d => d.Key, d => d.Value.State, StringComparer.Ordinal);
        }

        Offer(versions, readAt, states);
    }
}
