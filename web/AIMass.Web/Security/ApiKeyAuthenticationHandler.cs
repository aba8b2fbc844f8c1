using System.Text.Encodings.Web;
using AIMass.Web.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AIMass.Web.Security;

/// <summary>
/// Authenticates API requests by key: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// No key: no result (the endpoint's policy then challenges with 401). A wrong key: failure, answered 401
/// with problem details saying so.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    IProblemDetailsService problems)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request.Headers);
        if (presented is null) return AuthenticateResult.NoResult();
        var identity = await verifier.VerifyAsync(presented);
        if (identity is null)
        {
            return AuthenticateResult.Fail("The API key is not valid: it is unknown, revoked or mistyped.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(AIMassClaims.Principal(identity, Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer realm=\"aimass\"");
        var detail = result.Failure?.Message
            ?? $"An API key is required: send 'Authorization: Bearer <key>' or '{ApiKeyAuthenticationOptions.HeaderName}: <key>'.";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = Problems.Create(StatusCodes.Status401Unauthorized, detail),
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var identity = Context.User.Identity();
        var detail = identity?.IsAdmin == true
            ? "The admin key cannot use this endpoint: it needs a tenant's API key."
            : "This endpoint needs the admin key; a tenant's API key may not use it.";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = Problems.Create(StatusCodes.Status403Forbidden, detail),
        });
    }

    /// <summary>The key of a request, from <c>Authorization: Bearer</c> or <c>X-Api-Key</c>, or null.</summary>
    public static string? ReadKey(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length == 0 ? null : token;
        }
        var header = headers[ApiKeyAuthenticationOptions.HeaderName].ToString().Trim();
        return header.Length == 0 ? null : header;
    }
}
