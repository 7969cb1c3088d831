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

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Value, Options);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Malformed(ex.Message));
        }

        if (!NamesDecode(document.RootElement))
        {
            document.Dispose();
            return (null, Problems.Malformed("A property name is not valid Unicode text (invalid UTF-8 or an unpaired surrogate escape)."));
        }

        return (document, null);
    }

    /// <summary>
    /// Whether every property name decodes. JsonDocument does not check the text of names (nor of
    /// strings), and looking a property up by name throws on an undecodable one; string values are
    /// checked where they are read (<see cref="FieldReader"/>), so that the error names the field.
    /// </summary>
    private static bool NamesDecode(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name; // decodes the name: throws when it cannot
                        if (!NamesDecode(property.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!NamesDecode(item))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
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
