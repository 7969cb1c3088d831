namespace Pitstop.Grains.League;

/// <summary>
/// The last changes of a leaderboard, numbered, so that a replica that has seen the board up to one
/// version can be told which members changed since instead of being sent the whole board again.
/// Keeps the last <c>capacity</c> changes; a replica further behind is sent a snapshot.
/// </summary>
public sealed class BoardChangeLog(int capacity)
{
    /// <summary>Enough for a replica refreshed every fraction of a second on a busy national board.</summary>
    public const int DefaultCapacity = 16_384;

    // A silo holds some 500 boards, most of them a dealership's with a few hundred changes a month:
    // a full-size log for each (16,384 slots, on the large-object heap) was a quarter of the silo's
    // heap and made the garbage collector scan it on every collection. The log starts small and
    // doubles while it is full, up to the capacity, so no change is dropped before that.
    private const int InitialSlots = 64;

    // The member changed at version v is at v % _changed.Length.
    private string[] _changed = new string[Math.Min(InitialSlots, capacity)];

    /// <summary>The number of changes recorded: the version of the board they made.</summary>
    public long Version { get; private set; }

    public void Record(string member)
    {
        Version++;
        if (Version > _changed.Length && _changed.Length < capacity)
        {
            Grow();
        }

        _changed[Version % _changed.Length] = member;
    }

    /// <summary>
    /// The members changed after <paramref name="version"/>, each once; null when the log no longer
    /// reaches back that far or never knew that version.
    /// </summary>
    public IReadOnlyCollection<string>? ChangedSince(long version)
    {
        if (version < 0 || version > Version || Version - version > _changed.Length)
        {
            return null;
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        for (var v = version + 1; v <= Version; v++)
        {
            members.Add(_changed[v % _changed.Length]);
        }

        return members;
    }

    // Called when the change of version Version has no free slot: every earlier version is still held.
    private void Grow()
    {
        var grown = new string[Math.Min(_changed.Length * 2, capacity)];
        for (var v = Version - _changed.Length; v < Version; v++)
        {
            grown[v % grown.Length] = _changed[v % _changed.Length];
        }

        _changed = grown;
    }
}
