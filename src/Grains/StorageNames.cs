namespace Pitstop.Grains;

/// <summary>Names of the grain storage providers the grains persist through (wired by the silo).</summary>
public static class StorageNames
{
    public const string Grains = "pitstop";
}
