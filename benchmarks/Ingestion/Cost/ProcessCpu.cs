using System.Globalization;

namespace Pitstop.Ingestion.Cost;

/// <summary>
/// CPU time a process has used so far, from <c>/proc/PID/stat</c> (Linux): its own user and system
/// time and, for a process tree such as PostgreSQL's, that of its live children plus what its
/// exited children left in its <c>cutime</c>/<c>cstime</c> when it reaped them — so a backend that
/// ends during the window still counts.
/// </summary>
public static class ProcessCpu
{
    // The kernel reports times in USER_HZ ticks, which the Linux ABI fixes at 100 a second.
    private const double TicksPerSecond = 100;

    /// <summary>Seconds of CPU of the process (and, with <paramref name="tree"/>, of its children); null when it is gone.</summary>
    public static double? Seconds(int pid, bool tree)
    {
        if (Read(pid) is not { } own)
        {
            return null;
        }

        var ticks = own.User + own.System;
        if (tree)
        {
            ticks += own.ReapedChildren;
            foreach (var child in ChildrenOf(pid))
            {
                if (Read(child) is { } c)
                {
                    ticks += c.User + c.System;
                }
            }
        }

        return ticks / TicksPerSecond;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { } stat && stat.Parent == parent)
            {
                yield return pid;
            }
        }
    }

    private static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so the fields start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 4, 14-17 of proc(5), here 0-based after comm: ppid 1, utime 11, stime 12, cutime 13, cstime 14.
        long F(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return new Stat(int.Parse(fields[1], CultureInfo.InvariantCulture), F(11), F(12), F(13) + F(14));
    }

    private readonly record struct Stat(int Parent, long User, long System, long ReapedChildren);
}
