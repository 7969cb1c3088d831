using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Pitstop.Api.Security;

/// <summary>
/// A viewer's bearer token must name its member's kind (<see cref="MemberSubject"/>). A token issued
/// before kinds (a bare <c>sub</c>) is refused at authentication, everywhere, with a problem that says
/// how to fix it: the identity provider issues it again with the kind.
/// </summary>
internal static class ViewerTokens
{
    public static Task RefuseWithoutKindAsync(TokenValidatedContext context)
    {
        if (context.Principal is { } principal && new Caller(principal) is { Role: Roles.Viewer, Member: null })
        {
            context.Fail(MemberSubject.Rule);
        }

        return Task.CompletedTask;
    }

    public static Task ExplainRefusalAsync(JwtBearerChallengeContext context)
    {
        if (context.AuthenticateFailure?.Message != MemberSubject.Rule)
        {
            return Task.CompletedTask;
        }

        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"the subject names no member kind\"";
        return TypedResults.Problem(
                $"{MemberSubject.Rule} This token's subject has no kind; ask for a new token.",
                statusCode: StatusCodes.Status401Unauthorized, title: "The token's subject names no member kind", type: "/problems/subject-without-kind")
            .ExecuteAsync(context.HttpContext);
    }
}
