using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;

namespace Pitstop.Api.Tests.Hosting;

/// <summary>
/// Fetches the dashboard's files as a browser does (accepting gzip) and as curl does (accepting
/// nothing), and checks that both get the same, non-empty file.
/// </summary>
public static partial class Pages
{
    /// <summary>The pages and the app's script (its name carries a hash, read from the page).</summary>
    public static async Task<IReadOnlyList<string>> PathsAsync(Uri api)
    {
        using var http = new HttpClient { BaseAddress = api };
        var index = await http.GetStringAsync("/");
        var script = ScriptPath().Match(index);
        script.Success.Should().BeTrue($"the page names its script: {index}");
        return ["/", "/kiosk/DLR-KA-001", script.Groups[1].Value];
    }

    public static async Task ServedWholeAsync(Uri api, string path)
    {
        using var http = new HttpClient { BaseAddress = api };
        var plain = await GetAsync(http, path, acceptGzip: false);
        var gzip = await GetAsync(http, path, acceptGzip: true);

        plain.Should().NotBeEmpty($"{path} without Accept-Encoding is the file");
        gzip.Should().Be(plain, $"{path} with Accept-Encoding: gzip is the same file, compressed or not");
    }

    private static async Task<string> GetAsync(HttpClient http, string path, bool acceptGzip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptGzip)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        }

        using var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        var body = await response.Content.ReadAsStreamAsync();
        if (response.Content.Headers.ContentEncoding.Contains("gzip"))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex("<script[^>]+src=\"(/assets/[^\"]+\\.js)\"")]
    private static partial Regex ScriptPath();
}
