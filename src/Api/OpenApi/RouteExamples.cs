namespace Pitstop.Api.OpenApi;

/// <summary>
/// Every route's examples, keyed by method and route pattern (<c>GET /api/v1/customers/{id}</c>).
/// They live here rather than beside each endpoint so that one table shows what the document
/// promises, and a route without examples fails the OpenAPI test.
/// </summary>
public static class RouteExamples
{
    public static IReadOnlyDictionary<string, RouteExample> All { get; } = Merge(
        IntakeExamples.Routes, ReferenceDataExamples.Routes, MemberExamples.Routes, RedemptionExamples.Routes,
        BudgetExamples.Routes, RecoveryExamples.Routes, LeagueExamples.Routes, MigrationExamples.Routes, OperationsExamples.Routes, StaffPageExamples.Routes,
        ChallengeExamples.Routes, WebhookExamples.Routes, ProgramExamples.Routes, SimulationExamples.Routes);

    public static string KeyOf(string method, string pattern) => $"{method.ToUpperInvariant()} /{pattern.TrimStart('/')}";

    // A route named twice is a mistake in the tables, caught when the type is first used.
    private static Dictionary<string, RouteExample> Merge(params IReadOnlyDictionary<string, RouteExample>[] tables)
    {
        var all = new Dictionary<string, RouteExample>(StringComparer.Ordinal);
        foreach (var (key, example) in tables.SelectMany(t => t))
        {
            all.Add(key, example);
        }

        return all;
    }
}
