namespace Pitstop.Grains.Interfaces;

/// <summary>
/// A grain call failed because the database did not answer (a restart, a broken pooled
/// connection). Raised in place of the database client's own exception, which Orleans cannot
/// carry back to the caller: the caller learns the failure is transient (the API answers 503).
/// </summary>
[GenerateSerializer, Alias("pitstop.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
