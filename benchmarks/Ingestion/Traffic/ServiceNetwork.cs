using System.Globalization;

namespace Pitstop.Ingestion.Traffic;

/// <summary>One service centre of the simulated network, with its staff and its range of customers.</summary>
public sealed record Dealership(
    int Index,
    string Id,
    string Code,
    string Name,
    string City,
    string State,
    string Region,
    double Weight,
    int FirstCustomer,
    int CustomerCount,
    string[] Technicians,
    string[] Advisors,
    string[] Agents);

/// <summary>
/// The simulated service network: 150 dealerships across 18 Indian states (or another number, spread
/// over the same states in the same proportions), 30 staff each (4,500 in all: technicians, service
/// advisors, support agents) and 750,000 customers, each with a home dealership. Fully determined
/// by the seed.
/// </summary>
public sealed class ServiceNetwork
{
    public const int TechniciansPerDealership = 18;
    public const int AdvisorsPerDealership = 8;
    public const int AgentsPerDealership = 4;

    // State code, dealerships in the full layout, region, cities (the first is the metro: bigger centres).
    private static readonly (string State, int Count, string Region, string[] Cities)[] States =
    [
        ("MH", 18, "West", ["Mumbai", "Pune", "Thane", "Nagpur", "Nashik", "Aurangabad"]),
        ("KA", 15, "South", ["Bengaluru", "Mysuru", "Mangaluru", "Hubballi", "Belagavi"]),
        ("DL", 14, "North", ["New Delhi", "Dwarka", "Rohini", "Saket", "Mayur Vihar"]),
        ("TN", 13, "South", ["Chennai", "Coimbatore", "Madurai", "Tiruchirappalli", "Salem"]),
        ("TS", 11, "South", ["Hyderabad", "Secunderabad", "Warangal", "Karimnagar"]),
        ("GJ", 10, "West", ["Ahmedabad", "Surat", "Vadodara", "Rajkot"]),
        ("UP", 10, "North", ["Lucknow", "Noida", "Ghaziabad", "Kanpur", "Varanasi"]),
        ("WB", 8, "East", ["Kolkata", "Howrah", "Siliguri", "Durgapur"]),
        ("KL", 8, "South", ["Kochi", "Thiruvananthapuram", "Kozhikode", "Thrissur"]),
        ("HR", 7, "North", ["Gurugram", "Faridabad", "Panipat", "Karnal"]),
        ("RJ", 7, "North", ["Jaipur", "Jodhpur", "Udaipur", "Kota"]),
        ("AP", 6, "South", ["Visakhapatnam", "Vijayawada", "Guntur", "Tirupati"]),
        ("PB", 5, "North", ["Ludhiana", "Amritsar", "Jalandhar", "Mohali"]),
        ("MP", 5, "Central", ["Indore", "Bhopal", "Gwalior", "Jabalpur"]),
        ("OD", 4, "East", ["Bhubaneswar", "Cuttack", "Rourkela"]),
        ("CH", 3, "North", ["Chandigarh"]),
        ("GA", 3, "West", ["Panaji", "Margao", "Vasco da Gama"]),
        ("BR", 3, "East", ["Patna", "Gaya", "Muzaffarpur"]),
    ];

    private static readonly string[] Brands =
    [
        "Sterling", "Trident", "Lakshmi", "Sai", "Galaxy", "Metro", "Royal", "Prime", "Shree", "Apex",
        "Kaveri", "Ganga", "Deccan", "Konkan", "Malabar", "Sahyadri", "Vindhya", "Coromandel",
    ];

    private static readonly string[] Suffixes = ["Motors", "Autohaus", "Car Care", "Service Hub", "Automobiles", "Wheels"];

    /// <summary>Dealerships of the full layout: <see cref="States"/> as listed.</summary>
    public const int DefaultDealerships = 150;

    /// <summary>Customers per dealership, on average, in the full layout (750,000 for 150).</summary>
    public const int CustomersPerDealership = 5_000;

    public ServiceNetwork(int seed, int dealershipCount = DefaultDealerships, int customerCount = DefaultDealerships * CustomersPerDealership)
    {
        if (dealershipCount < States.Length || customerCount < dealershipCount)
        {
            throw new ArgumentOutOfRangeException(nameof(dealershipCount), $"the network needs at least one dealership in each of its {States.Length} states and a customer for each");
        }

        var random = new Random(unchecked(seed * 31 + 7));
        var sketches = new List<(string State, int Number, string Region, string City, double Weight)>();
        var counts = StateCounts(dealershipCount);
        foreach (var ((state, _, region, cities), count) in States.Zip(counts))
        {
            for (var n = 1; n <= count; n++)
            {
                // Metro centres (the state's first city) get about half of the state's dealerships and twice the traffic.
                var metro = n <= (count + 1) / 2;
                var city = metro || cities.Length == 1 ? cities[0] : cities[1 + random.Next(cities.Length - 1)];

                var weight = metro ? 1.4 + random.NextDouble() * 1.2 : 0.6 + random.NextDouble() * 0.6;
                sketches.Add((state, n, region, city, weight));
            }
        }

        // Customers: contiguous ranges, proportional to the weights (largest remainder).
        var customers = LargestRemainder(sketches.Select(s => s.Weight).ToArray(), customerCount);

        var dealerships = new List<Dealership>(sketches.Count);
        var first = 1;
        for (var i = 0; i < sketches.Count; i++)
        {
            var (state, number, region, city, weight) = sketches[i];
            var code = string.Create(CultureInfo.InvariantCulture, $"{state}{number:D3}");
            var name = $"{Brands[random.Next(Brands.Length)]} {Suffixes[random.Next(Suffixes.Length)]} {city}";
            dealerships.Add(new Dealership(
                i,
                $"DLR-{state}-{number:D3}",
                code,
                name,
                city,
                state,
                region,
                weight,
                first,
                customers[i],
                Staff(code, 'T', TechniciansPerDealership),
                Staff(code, 'A', AdvisorsPerDealership),
                Staff(code, 'C', AgentsPerDealership)));
            first += customers[i];
        }

        Dealerships = dealerships;
        CustomerCount = customerCount;
        _cumulativeWeights = new double[dealerships.Count];
        var running = 0.0;
        for (var i = 0; i < dealerships.Count; i++)
        {
            running += dealerships[i].Weight;
            _cumulativeWeights[i] = running;
        }
    }

    private readonly double[] _cumulativeWeights;

    public IReadOnlyList<Dealership> Dealerships { get; }

    public int CustomerCount { get; }

    public int StaffCount => Dealerships.Sum(d => d.Technicians.Length + d.Advisors.Length + d.Agents.Length);

    public int StateCount => Dealerships.Select(d => d.State).Distinct().Count();

    /// <summary>A dealership drawn in proportion to its size.</summary>
    public Dealership PickDealership(Random random)
    {
        var x = random.NextDouble() * _cumulativeWeights[^1];
        var i = Array.BinarySearch(_cumulativeWeights, x);
        if (i < 0)
        {
            i = ~i;
        }

        return Dealerships[Math.Min(i, Dealerships.Count - 1)];
    }

    /// <summary>A customer of the dealership: mostly its own; one in twenty from elsewhere in the network.</summary>
    public int PickCustomer(Random random, Dealership d) =>
        random.NextDouble() < 0.95
            ? d.FirstCustomer + random.Next(d.CustomerCount)
            : 1 + random.Next(CustomerCount);

    public static string CustomerId(int number) => string.Create(CultureInfo.InvariantCulture, $"C-{number:D7}");

    /// <summary>The customer's (one) vehicle: a 17-character VIN with an Indian manufacturer prefix.</summary>
    public static string Vin(int customerNumber)
    {
        const string Alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        Span<char> vin = stackalloc char[17];
        var wmi = (customerNumber % 4) switch { 0 => "MA3", 1 => "MAT", 2 => "MAL", _ => "MBJ" };
        wmi.AsSpan().CopyTo(vin);
        var x = (ulong)customerNumber * 0x9E3779B97F4A7C15UL;
        for (var i = 3; i < 11; i++)
        {
            vin[i] = Alphabet[(int)(x % (ulong)Alphabet.Length)];
            x /= (ulong)Alphabet.Length;
        }

        var serial = customerNumber.ToString("D6", CultureInfo.InvariantCulture);
        serial.AsSpan(serial.Length - 6).CopyTo(vin[11..]);
        return new string(vin);
    }

    /// <summary>The class of the customer's vehicle: entry 50 %, mid 35 %, performance 15 %.</summary>
    public static string VehicleClass(int customerNumber)
    {
        var bucket = (int)((uint)(customerNumber * 2654435761u) % 100);
        return bucket < 50 ? "entry" : bucket < 85 ? "mid" : "performance";
    }

    /// <summary>
    /// Dealerships per state: the layout's counts scaled to the total (largest remainder, in whole
    /// numbers so that ties go to the earlier, bigger state), each state keeping at least one.
    /// </summary>
    private static int[] StateCounts(int dealershipCount)
    {
        var layout = States.Sum(s => s.Count);
        var counts = States.Select(s => s.Count * dealershipCount / layout).ToArray();
        var left = dealershipCount - counts.Sum();
        foreach (var i in Enumerable.Range(0, States.Length).OrderByDescending(i => States[i].Count * dealershipCount % layout).Take(left))
        {
            counts[i]++;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            // A state scaled down to none takes one from the biggest.
            while (counts[i] == 0)
            {
                counts[Array.IndexOf(counts, counts.Max())]--;
                counts[i]++;
            }
        }

        return counts;
    }

    /// <summary>Whole shares of <paramref name="total"/> in proportion to <paramref name="weights"/> (largest remainder).</summary>
    private static int[] LargestRemainder(double[] weights, int total)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => w / sum * total).ToArray();
        var shares = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - shares.Sum();
        foreach (var i in Enumerable.Range(0, shares.Length).OrderByDescending(i => exact[i] - shares[i]).Take(left))
        {
            shares[i]++;
        }

        return shares;
    }

    private static string[] Staff(string code, char role, int count) =>
        Enumerable.Range(1, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"S-{code}-{role}{n:D2}")).ToArray();
}
