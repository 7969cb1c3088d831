using System.Globalization;
using System.Text;

namespace Pitstop.League;

/// <summary>
/// A board as Redis commands — <c>ZADD key score member …</c>, 1,000 members a command — in the
/// Redis protocol, for <c>redis-cli --pipe</c>: a million members load in seconds.
/// </summary>
internal static class RedisLoad
{
    private const int MembersPerCommand = 1_000;

    public static void Write(Stream output, string key, IEnumerable<(string Id, long Score)> members)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\r\n" };
        var batch = new List<(string Id, long Score)>(MembersPerCommand);
        foreach (var member in members)
        {
            batch.Add(member);
            if (batch.Count == MembersPerCommand)
            {
                WriteZadd(writer, key, batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            WriteZadd(writer, key, batch);
        }
    }

    private static void WriteZadd(StreamWriter writer, string key, List<(string Id, long Score)> batch)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"*{2 + (batch.Count * 2)}"));
        Bulk(writer, "ZADD");
        Bulk(writer, key);
        foreach (var (id, score) in batch)
        {
            Bulk(writer, score.ToString(CultureInfo.InvariantCulture));
            Bulk(writer, id);
        }
    }

    private static void Bulk(StreamWriter writer, string value)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(value)}"));
        writer.WriteLine(value);
    }
}
