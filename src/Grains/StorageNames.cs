namespace Pitstop.Grains;

/// <summary>Names of the grain storage providers the grains persist through (wired by the silo).</summary>
public static class StorageNames
{
    /// <summary>Grains written by the event streams, at the rate of the traffic: batched writes.</summary>
    public const string Grains = "pitstop";

    /// <summary>Grains written now and then, by administrators: Orleans' ADO.NET provider.</summary>
    public const string Reference = "reference";
}
