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

    // The member changed at version v is at v % capacity.
    private readonly string[] _changed = new string[capacity];

    /// <summary>The number of changes recorded: the version of the board they made.</summary>
    public long Version { get; private set; }

    public void Record(string member)
    {
        Version++;
        _changed[Version % capacity] = member;
    }

    /// <summary>
    /// The members changed after <paramref name="version"/>, each once; null when the log no longer
    /// reaches back that far or never knew that version.
    /// </summary>
    public IReadOnlyCollection<string>? ChangedSince(long version)
    {
        if (version < 0 || version > Version || Version - version > capacity)
        {
            return null;
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        for (var v = version + 1; v <= Version; v++)
        {
            members.Add(_changed[v % capacity]);
        }

        return members;
    }
}
