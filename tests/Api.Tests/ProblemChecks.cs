using System.Net;
using System.Text.Json.Nodes;

namespace Pitstop.Api.Tests;

/// <summary>What the bad-input suites check of every answer: it comes in time, and it is the right problem.</summary>
internal static class ProblemChecks
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends the request with its own deadline: a hung request fails the test instead of blocking the suite.</summary>
    public static async Task<HttpResponseMessage> SendWithDeadlineAsync(this HttpClient http, HttpRequestMessage request)
    {
        using var deadline = new CancellationTokenSource(RequestTimeout);
        try
        {
            var response = await http.SendAsync(request, deadline.Token);
            await response.Content.LoadIntoBufferAsync(deadline.Token);
            return response;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"{request.Method} {Shorten(request.RequestUri?.ToString() ?? "")} hung: no answer within {RequestTimeout.TotalSeconds} s");
        }
    }

    /// <summary>
    /// Sends a request whose success is a live stream: answered once its headers arrive (a refusal's
    /// body is read whole), with the same deadline. Disposing the answer ends the stream.
    /// </summary>
    public static async Task<HttpResponseMessage> SendStreamingAsync(this HttpClient http, HttpRequestMessage request)
    {
        using var deadline = new CancellationTokenSource(RequestTimeout);
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await response.Content.LoadIntoBufferAsync(deadline.Token);
            }

            return response;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"{request.Method} {Shorten(request.RequestUri?.ToString() ?? "")} hung: no headers within {RequestTimeout.TotalSeconds} s");
        }
    }

    /// <summary>
    /// A 4xx of <paramref name="status"/> in problem+json: the project's own problem type or the
    /// framework's RFC one, and an <c>errors</c> entry for each of <paramref name="fields"/>.
    /// </summary>
    public static async Task ShouldBeProblemAsync(HttpResponseMessage response, string request, HttpStatusCode status, bool ownType, IReadOnlyCollection<string> fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{request} answered {(int)response.StatusCode}: {Shorten(text)}";
        ((int)response.StatusCode).Should().BeInRange(400, 499, what);
        response.StatusCode.Should().Be(status, what);
        (response.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json", what);
        var problem = JsonNode.Parse(text)!.AsObject();
        problem["status"]!.GetValue<int>().Should().Be((int)status, what);
        problem["type"]!.GetValue<string>().Should().StartWith(ownType ? "/problems/" : "https://tools.ietf.org/html/rfc9110", what);
        if (fields.Count > 0)
        {
            var errors = problem["errors"] as JsonObject;
            errors.Should().NotBeNull(what);
            foreach (var field in fields)
            {
                errors!.Should().ContainKey(field, what);
                errors![field]!.AsArray().Should().NotBeEmpty(what);
            }
        }
    }

    public static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
