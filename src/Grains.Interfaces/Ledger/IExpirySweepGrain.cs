namespace Pitstop.Grains.Interfaces.Ledger;

/// <summary>
/// Expires points without a request (program.md): on a reminder, finds in the journal the wallets
/// credited about a lifetime ago and has each move its due lots to expired. One activation
/// (key <see cref="Key"/>).
/// </summary>
[Alias("pitstop.IExpirySweepGrain")]
public interface IExpirySweepGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Registers the sweep's reminder (idempotent; the silo calls it at start).</summary>
    [Alias("start")]
    Task StartAsync();

    /// <summary>Sweeps up to the program's now; the number of wallets asked to expire their due lots.</summary>
    [Alias("sweep")]
    Task<int> SweepAsync();
}
