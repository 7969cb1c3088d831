namespace Pitstop.Api.Import;

/// <summary>
/// An uploaded body kept in a temporary file (deleted when disposed), so that it can be read twice:
/// once to check the whole file's structure and limits, then to import it. A file that breaks off
/// half-way therefore imports nothing, and the import itself still holds one chunk of rows at a time.
/// </summary>
public sealed class CsvUpload : IAsyncDisposable
{
    private readonly FileStream _file;

    private CsvUpload(FileStream file) => _file = file;

    /// <summary>The body copied to a temporary file, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<CsvUpload?> SpoolAsync(Stream body, long maxBytes, CancellationToken cancellation)
    {
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), "pitstop-import-" + Path.GetRandomFileName()),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellation)) > 0)
            {
                if (file.Length + read > maxBytes)
                {
                    await file.DisposeAsync();
                    return null;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
            }

            return new CsvUpload(file);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The body from its start, for one more reading.</summary>
    public Stream Rewind()
    {
        _file.Position = 0;
        return _file;
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
