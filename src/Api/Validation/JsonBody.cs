using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Pitstop.Api.Validation;

/// <summary>
/// Reads a JSON request body under a size limit, so that every route answers an oversized, non-JSON
/// or non-UTF-8 body with the same problem details instead of a framework error page. (The content
/// type is checked before this runs, by the routes' <c>Accepts</c> metadata: 415.)
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 1 << 20;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>
    /// Reads a body that must be one JSON object into a value with <paramref name="read"/>, which
    /// reports field errors to the reader: the value, or the problem to answer with.
    /// </summary>
    internal static async Task<(T? Value, IResult? Problem)> ReadObjectAsync<T>(
        HttpRequest request, Func<FieldReader, T> read, CancellationToken cancellation)
        where T : class
    {
        var (document, problem) = await ReadAsync(request, cancellation);
        if (problem is not null)
        {
            return (null, problem);
        }

        using (document)
        {
            if (document!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Malformed("The body must be a JSON object."));
            }

            var errors = new FieldErrors();
            var value = read(new FieldReader(document.RootElement, "", errors));
            return errors.IsEmpty ? (value, null) : (null, Problems.Invalid(errors));
        }
    }

    /// <summary>The parsed document (the caller disposes it), or the problem to answer with.</summary>
    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.TooLarge($"The body may be at most {MaxBytes} bytes."));
        }

        var body = await ReadCappedAsync(request.Body, cancellation);
        if (body is null)
        {
            return (null, Problems.TooLarge($"The body may be at most {MaxBytes} bytes."));
        }

        try
        {
            return (JsonDocument.Parse(body.Value, Options), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Malformed(ex.Message));
        }
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(Stream body, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
