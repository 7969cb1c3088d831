namespace Pitstop.Ingestion.Traffic;

/// <summary>
/// The random choices both generators make, over the generator's own <see cref="Random"/>: the
/// same seed and the same calls give the same traffic.
/// </summary>
public sealed class Draws(Random random)
{
    public Random Random => random;

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(T[] items) => items[random.Next(items.Length)];

    /// <summary>Up to <paramref name="count"/> distinct items, in the order drawn.</summary>
    public string[] PickSome(string[] items, int count)
    {
        count = Math.Min(count, items.Length);
        var chosen = new List<string>(count);
        while (chosen.Count < count)
        {
            var item = items[random.Next(items.Length)];
            if (!chosen.Contains(item))
            {
                chosen.Add(item);
            }
        }

        return [.. chosen];
    }

    public T WeightedPick<T>(params (T Value, int Weight)[] choices) =>
        choices[WeightedIndex(choices.Select(c => c.Weight))].Value;

    public int WeightedIndex(IEnumerable<int> weights)
    {
        var list = weights as int[] ?? weights.ToArray();
        var x = random.Next(list.Sum());
        for (var i = 0; i < list.Length; i++)
        {
            x -= list[i];
            if (x < 0)
            {
                return i;
            }
        }

        return list.Length - 1;
    }

    public string VisitKind() => WeightedPick(("scheduled", 58), ("repair", 25), ("warranty", 10), ("accident", 7));

    /// <summary>How the job card closes, delivered at <paramref name="deliveredAt"/>: fix, accuracy and invoice by the kind of visit.</summary>
    public Delivery Delivery(JobCard card, DateTimeOffset deliveredAt)
    {
        var repairLike = card.VisitKind is "repair" or "warranty";
        var firstTimeFix = Chance(repairLike ? 0.82 : 0.92);
        var repeatRepair = repairLike && Chance(0.08);
        var accurate = Chance(0.93);
        var invoice = card.VisitKind switch
        {
            "scheduled" => Money(2_500, 22_000),
            "repair" => Money(4_000, 75_000),
            "warranty" => Chance(0.5) ? 0m : Money(200, 4_000),
            _ => Money(15_000, 250_000),
        };
        return new Delivery(deliveredAt, firstTimeFix, repeatRepair, accurate, invoice);
    }

    /// <summary>An amount in INR with paise: at most two decimals, as events.md requires.</summary>
    public decimal Money(int min, int max) => (min * 100L + random.NextInt64((max - min) * 100L)) / 100m;

    /// <summary>A CSAT answer (1–5) after a visit; unhappy customers (late, not fixed) answer lower.</summary>
    public int CsatScore(bool unhappy) => unhappy
        ? WeightedPick((1, 15), (2, 20), (3, 30), (4, 25), (5, 10))
        : WeightedPick((1, 3), (2, 5), (3, 12), (4, 32), (5, 48));

    /// <summary>An NPS answer (0–10) after a visit or unprompted.</summary>
    public int NpsScore(bool unhappy) => unhappy
        ? random.Next(0, 9)
        : WeightedPick((10, 30), (9, 25), (8, 18), (7, 12), (6, 6), (5, 4), (4, 2), (3, 1), (2, 1), (1, 1));
}
