using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Pitstop.Testing;

/// <summary>
/// One real process of the engine (a silo or the API), started from its built assembly or as an
/// operator starts it, with its output kept for the failure message. <see cref="Kill"/> is SIGKILL:
/// no shutdown code runs.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EngineProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The built assembly of src/<paramref name="project"/>, in Production, from its output folder.</summary>
    public static EngineProcess Start(string name, string project, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }

        return Dotnet(name, Path.GetDirectoryName(Repository.Assembly(project))!, settings, [Repository.Assembly(project), .. args]);
    }

    /// <summary>
    /// <c>dotnet</c> with <paramref name="args"/> (<c>run --project …</c>, an assembly), started in
    /// <paramref name="directory"/> as an operator would, with <paramref name="environment"/> added.
    /// </summary>
    public static EngineProcess Dotnet(string name, string directory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new EngineProcess(name, Process.Start(start)!);
    }

    /// <summary>
    /// Waits until <paramref name="url"/> answers 200, failing with the process's output when it
    /// exits first or does not answer within <paramref name="timeout"/>.
    /// </summary>
    public async Task AnswersAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !HasExited)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still starting.
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"{Name} did not answer {url} ({(HasExited ? "it exited" : $"within {timeout}")}).\n{Output}");
    }

    /// <summary>
    /// SIGTERM, as a supervisor stops a process gracefully, then waits until it exits: the API
    /// drains its requests, a silo hands its queues and activations over.
    /// </summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited && SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"SIGTERM to {Name} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail only: a long run must not hold every log line in memory.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }

            _output.AppendLine(line);
        }
    }
}
