namespace Pitstop.Grains.Interfaces;

/// <summary>
/// Spreads keys over a fixed number of slices the same way in every process and run (FNV-1a over
/// the key's chars), unlike <see cref="string.GetHashCode()"/>: a key's slice names a grain.
/// </summary>
public static class KeySlices
{
    public static int SliceOf(string key, int slices)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)slices);
    }
}
