using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pitstop.Postgres.Tests.Infrastructure;
using Pitstop.Testing;

namespace Pitstop.Postgres.Tests;

/// <summary>
/// The README's "Try it" block, taken from README.md itself and run by bash as a reader pastes it
/// (aliases expanded, every line at once), against a fresh embedded engine; each read whose line
/// promises numbers in its comment must show them. Two things differ from a reader's machine, both
/// outside the block's text: the engine listens on a free port (the block's <c>localhost:5080</c>
/// is pointed there), and <c>dotnet run --project src/Api</c> starts the API already built for the
/// tests instead of building it again.
/// </summary>
public class ReadmeTryItTests
{
    /// <summary>The block's commented reads, each with the check of what its comment promises.</summary>
    private static readonly (string Command, string Comment, Action<JsonNode, string> Check)[] Promises =
    [
        ("curl localhost:5080/api/v1/customers/C-1", "500 points, silver", (customer, why) =>
        {
            customer["balance"]!["available"]!.GetValue<long>().Should().Be(500, why);
            customer["tier"]!.GetValue<string>().Should().Be("silver", why);
        }),
        ("curl localhost:5080/api/v1/staff/S-T1", "192 KPI points", (staff, why) =>
            staff["kpiPoints"]!.GetValue<long>().Should().Be(192, why)),
        ("curl localhost:5080/api/v1/admin/audit", "minted = pool + budgets + wallets + redeemed + expired", (audit, why) =>
            audit["balanced"]!.GetValue<bool>().Should().BeTrue(why)),
        ("curl localhost:5080/api/v1/admin/dead-letters", "events no grain could apply, moved aside (none, normally)", (letters, why) =>
            letters["items"]!.AsArray().Should().BeEmpty(why)),
        ("curl localhost:5080/api/v1/incidents/complaint:CMP-1", "major, 30,000 points, follow-ups at 7 and 30 days", (incident, why) =>
        {
            incident["severity"]!.GetValue<string>().Should().Be("major", why);
            incident["recovery"]!["points"]!.GetValue<long>().Should().Be(30_000, why);
            incident["followUps"]!.AsArray().Select(f => f!["day"]!.GetValue<int>()).Should().Equal([7, 30], why);
        }),
        ("curl localhost:5080/api/v1/customers/C-1/referral-code", """{"customerId":"C-1","referralCode":"REF-2CGCPVKF"}""", (issued, why) =>
            issued["referralCode"]!.GetValue<string>().Should().Be("REF-2CGCPVKF", why)),
        ("curl localhost:5080/api/v1/customers/C-1", "platinum, tierProgress, contracts, nextReview", (customer, why) =>
        {
            customer["tier"]!.GetValue<string>().Should().Be("platinum", why);
            customer.AsObject().Should().ContainKeys(["tierProgress", "contracts", "nextReview"], why);
        }),
        ("curl localhost:5080/api/v1/customers/C-100/ledger", "an opening-balance entry of 12,000 points", (ledger, why) =>
            ledger["items"]!.AsArray().Should().ContainSingle(e => e!["kind"]!.GetValue<string>() == "opening-balance" && e["points"]!.GetValue<long>() == 12_000, why)),
    ];

    [Fact]
    public async Task The_Try_it_block_pasted_at_once_into_bash_shows_the_numbers_its_comments_promise()
    {
        var block = TryItBlock();
        foreach (var (command, comment, _) in Promises)
        {
            block.Should().MatchRegex($@"(?m)^{Regex.Escape(command)} +# {Regex.Escape(comment)}$", "the check follows the README's own promise");
        }

        var port = Ports.Free();
        var (output, engineLog) = await RunAsync(block.Replace("localhost:5080", $"localhost:{port}", StringComparison.Ordinal), port);

        var calls = Calls(output);
        calls.Where(c => c.Body.Contains("\"title\":", StringComparison.Ordinal) && c.Body.Contains("\"status\":4", StringComparison.Ordinal))
            .Should().BeEmpty("no call of the block is refused (a read too early, a redemption before the points)\n" + output);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (command, comment, check) in Promises)
        {
            // The n-th line of the same command is its n-th call (C-1 is read twice).
            var url = command["curl ".Length..].Replace("localhost:5080", $"localhost:{port}", StringComparison.Ordinal);
            var nth = seen[url] = seen.GetValueOrDefault(url) + 1;
            var body = calls.Where(c => c.Args.EndsWith(" " + url, StringComparison.Ordinal)).Skip(nth - 1).Select(c => c.Body).FirstOrDefault();
            body.Should().NotBeNull($"the block reads {url} {nth} time(s)\n{output}\n===== engine =====\n{engineLog}");
            check(JsonNode.Parse(body!)!, $"{command}  # {comment}\n  answered {body}");
        }
    }

    /// <summary>The first bash block after the "Try it" heading of README.md.</summary>
    private static string TryItBlock()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## Try it\n", StringComparison.Ordinal)..];
        var start = section.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length;
        return section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)] + "\n";
    }

    /// <summary>
    /// Runs the block in bash the way an interactive shell runs a paste (aliases expanded), every
    /// curl call preceded by a line naming its arguments; stops the engine it started afterwards.
    /// The engine logs to a file of its own, so that nothing comes between a call and its answer.
    /// </summary>
    private static async Task<(string Output, string EngineLog)> RunAsync(string block, int port)
    {
        var work = Directory.CreateTempSubdirectory("pitstop-readme-");
        var enginePid = Path.Combine(work.FullName, "engine.pid");
        var engineLog = Path.Combine(work.FullName, "engine.log");
        var script = Path.Combine(work.FullName, "try-it.sh");
        await File.WriteAllTextAsync(script, $$"""
            shopt -s expand_aliases
            dotnet() {
              if [ "$*" = "run --project src/Api" ]; then
                echo "$BASHPID" > '{{enginePid}}'
                exec dotnet '{{Repository.Assembly("Api")}}' > '{{engineLog}}' 2>&1
              fi
              command dotnet "$@"
            }
            curl() { printf '\n%s %s\n' '{{CallMarker}}' "$*"; command curl -sS "$@"; }
            {{block}}
            """);

        var start = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["Urls"] = $"http://localhost:{port}";
        start.Environment["Orleans__SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var output = new StringBuilder();
        var log = "";
        using var bash = Process.Start(start)!;
        bash.OutputDataReceived += (_, e) => Append(output, e.Data);
        bash.ErrorDataReceived += (_, e) => Append(output, e.Data);
        bash.BeginOutputReadLine();
        bash.BeginErrorReadLine();
        try
        {
            // A bound against a hang (an engine that never gets ready), not a measure.
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await bash.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            bash.Kill(entireProcessTree: true);
            if (File.Exists(enginePid) && int.TryParse(await File.ReadAllTextAsync(enginePid), out var pid))
            {
                StopEngine(pid);
            }

            log = File.Exists(engineLog) ? await File.ReadAllTextAsync(engineLog) : "";
            work.Delete(recursive: true);
        }

        lock (output)
        {
            return (output.ToString(), log);
        }
    }

    private const string CallMarker = "@@curl";

    /// <summary>Each curl call of the output: its arguments and what it printed.</summary>
    private static List<(string Args, string Body)> Calls(string output) =>
        [.. output.Split('\n').Aggregate(new List<(string Args, StringBuilder Body)>(), (calls, line) =>
        {
            if (line.StartsWith(CallMarker + " ", StringComparison.Ordinal))
            {
                calls.Add((line[(CallMarker.Length + 1)..], new StringBuilder()));
            }
            else if (calls.Count > 0)
            {
                calls[^1].Body.AppendLine(line);
            }

            return calls;
        }).Select(c => (c.Args, c.Body.ToString().Trim()))];

    private static void StopEngine(int pid)
    {
        try
        {
            using var engine = Process.GetProcessById(pid);
            engine.Kill(entireProcessTree: true);
            engine.WaitForExit();
        }
        catch (ArgumentException)
        {
            // It has exited already.
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
