using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace AIMass.Web.Security;

/// <summary><c>POST /signout</c>: ends the portal session (antiforgery-checked) and returns to the sign-in page.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (HttpContext context) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                return Results.BadRequest();
            }
            await context.SignOutAsync(AuthSchemes.Cookie);
            return Results.LocalRedirect("~/signin?signedOut=true");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        return app;
    }
}
