using Pitstop.Benchmarks;
using Pitstop.League;
using Pitstop.League.Report;

// The Pitstop League benchmark's program; benchmarks/league.sh runs it. See benchmarks/README.md.
//
//   inproc --members N --out FILE [--seconds S] [--warmup-seconds W] [--seed S]
//       the ScoreBoard in this process: memory per member, updates, rank and top-10 queries per second
//   redis-load --members N --key KEY --ids staff|benchmark [--seed S]
//       the same board as Redis protocol on stdout, for redis-cli --pipe
//   ids --members N
//       the staff ids an engine must hold for the HTTP stage (wrk-query.lua draws from them), one a line
//   report --results FILE [--pipeline P] [--clients C]
//       the comparison table, in Markdown
//
// Exit code 0: done; 2: bad arguments.
try
{
    return args.Length == 0 ? Usage() : Run(args[0], Flags.Parse(args.Skip(1)));
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Pitstop.League inproc | redis-load | ids | report [--flags] (see benchmarks/League/Program.cs)");
    return 2;
}

static int Run(string command, Dictionary<string, string?> flags)
{
    int Members() => flags.Int("members", 0) is >= 1 and var members ? members : throw new ArgumentException("--members must be at least 1");

    var seed = flags.Int("seed", 42);
    var warmup = TimeSpan.FromSeconds(flags.Double("warmup-seconds", 2));
    var duration = TimeSpan.FromSeconds(flags.Double("seconds", 5));
    switch (command)
    {
        case "inproc":
            Figure.Append(flags.Required("out"), new InProcessRun(Members(), seed, warmup, duration, Console.Error).Run());
            return 0;

        case "redis-load":
            Func<int, string> ids = flags.Required("ids") switch
            {
                "staff" => BoardMembers.StaffId,
                "benchmark" => BoardMembers.BenchmarkId,
                var other => throw new ArgumentException($"--ids is staff or benchmark, not '{other}'"),
            };
            using (var stdout = Console.OpenStandardOutput())
            {
                RedisLoad.Write(stdout, flags.Required("key"), BoardMembers.Initial(Members(), ids, seed));
            }

            return 0;

        case "ids":
            var count = Members();
            using (var stdout = new StreamWriter(Console.OpenStandardOutput()))
            {
                for (var i = 0; i < count; i++)
                {
                    stdout.WriteLine(BoardMembers.StaffId(i));
                }
            }

            return 0;

        case "report":
            Console.Write(ComparisonTable.Markdown(Figure.Read(flags.Required("results")), flags.Int("pipeline", 16), flags.Int("clients", 8)));
            return 0;

        default:
            throw new ArgumentException($"unknown command '{command}'");
    }
}
