namespace Pitstop.Api.OpenApi;

/// <summary>
/// What the OpenAPI document shows of one route: a request body (null for a route without one)
/// and its success answer, as JSON written the way the API writes it. A body of another media type
/// (the CSV of an import) is shown as the text it is; a live stream's answer is one event's data.
/// </summary>
public sealed record RouteExample(int Status, string? Request, string Response, string RequestMediaType = "application/json", string ResponseMediaType = "application/json");
