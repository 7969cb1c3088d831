using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Pitstop.Api.Import;
using Pitstop.Api.Security;
using Pitstop.Api.Validation;

namespace Pitstop.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/import/{kind}</c> (api.md): CSV reference data and migration from a brand's
/// earlier system — dealerships, their staff, the customers, then their opening balances. Admin only.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>The request timeout policy of imports: a file of 200,000 rows takes longer than the API's usual 30 s.</summary>
    public const string TimeoutPolicy = "import";

    /// <summary>An import body may be this long, well above the events' 1 MiB: 200,000 rows of a few hundred bytes.</summary>
    public const long MaxBytes = 64L << 20;

    private const string Csv = "text/csv";

    public static RouteGroupBuilder MapImport(this RouteGroupBuilder api)
    {
        Map(api, "/import/dealerships", (HttpRequest request, DealershipImport import, CancellationToken cancellation) => ImportAsync(request, import, cancellation))
            .WithName("ImportDealerships").WithSummary("Import dealerships from a CSV file")
            .WithDescription("Header row required. Columns: dealershipId, name, city, state (a two-letter Indian state code), region — the body of " +
                "PUT /dealerships/{id}, held to its rules (text of 1-1,000 characters). Registers each dealership or updates it. The same row again is a duplicate; a changed row updates.");
        Map(api, "/import/staff", (HttpRequest request, StaffImport import, CancellationToken cancellation) => ImportAsync(request, import, cancellation))
            .WithName("ImportStaff").WithSummary("Import staff from an HR export (CSV)")
            .WithDescription("Header row required. Columns: employeeId (the staff id dealer systems' events name), name, role (technician|advisor|support|manager), " +
                "dealershipId (a registered dealership; import dealerships first); optional designation (the HR job title, kept and shown as given). " +
                "The body of PUT /staff/{id}, held to its rules. Sets each staff member's reference data; KPI points, wallet and scores already earned stay. " +
                "The same row again is a duplicate; a changed row updates.");
        Map(api, "/import/customers", (HttpRequest request, CustomerImport import, CancellationToken cancellation) => ImportAsync(request, import, cancellation))
            .WithName("ImportCustomers").WithSummary("Import customers from a CSV file")
            .WithDescription("Header row required. Columns: customerId, name, dealershipId (a registered dealership); optional preferences " +
                "(;-separated dining|wellness|adventure|lifestyle), reviewDate (yyyy-MM-dd), firstContractAt (RFC 3339 or yyyy-MM-dd, not in the future). " +
                "Sets each customer's profile, their home dealership if they have none, and their first contract's date. The same row again is a duplicate; a changed row updates.");
        Map(api, "/import/opening-balances", (HttpRequest request, OpeningBalanceImport import, CancellationToken cancellation) => ImportAsync(request, import, cancellation))
            .WithName("ImportOpeningBalances").WithSummary("Import customers' opening balances from a CSV file")
            .WithDescription("Header row required. Columns: customerId (an imported or known customer), points (1..100,000,000); optional expiresAt " +
                "(yyyy-MM-dd, today or later, within the points lifetime; default: the points lifetime from now), reference (the earlier system's, kept in the ledger note). " +
                "Each balance moves from the brand pool to the wallet, once per customer ever; a row the pool cannot cover is rejected.");
        return api;
    }

    private static RouteHandlerBuilder Map(RouteGroupBuilder api, string pattern, Delegate handler)
    {
        var route = api.MapPost(pattern, handler).WithTags("Import")
            .Accepts<string>(Csv)
            .Produces<ImportAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(Policies.Admin);
        route.WithRequestTimeout(TimeoutPolicy);
        return route;
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, IRowImport import, CancellationToken cancellation)
    {
        if (!IsUtf8Csv(request.ContentType))
        {
            return TypedResults.Problem("The body must be sent as text/csv in UTF-8.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var tooLarge = Problems.TooLarge($"An import body may be at most {MaxBytes} bytes.");
        if (request.ContentLength > MaxBytes)
        {
            return tooLarge;
        }

        // The server's own limit (30 MB) would cut a large file short with a bare 413: this route counts the bytes itself.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        await using var upload = await CsvUpload.SpoolAsync(request.Body, MaxBytes, cancellation);
        if (upload is null)
        {
            return tooLarge;
        }

        var (answer, problem) = await CsvImport.RunAsync(upload, import, cancellation);
        return answer is null ? problem! : TypedResults.Ok(answer);
    }

    private static bool IsUtf8Csv(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase)
        && (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
