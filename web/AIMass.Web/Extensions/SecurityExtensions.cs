using AIMass.Silo.Hosting;
using AIMass.Web.Hosting;
using AIMass.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace AIMass.Web.Extensions;

/// <summary>API-key authentication for the API, a cookie session for the portal, policies, and the rate limiter.</summary>
public static class SecurityExtensions
{
    public static WebApplicationBuilder AddAIMassSecurity(this WebApplicationBuilder builder, WebHostSettings settings)
    {
        var services = builder.Services;
        var configured = settings.Service.AdminKey;
        var adminKey = EmbeddedKeys.AdminKey(settings.DataDirectory, configured);
        services.AddSingleton(new AdminCredentials(adminKey,
            string.IsNullOrWhiteSpace(configured) ? Path.Combine(settings.DataDirectory, "admin.key") : null));
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddScoped<SessionCookieEvents>();

        // Session cookies stay valid across restarts: the data-protection keys live in the data folder.
        services.AddDataProtection()
            .SetApplicationName("AIMass")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "data-protection")));

        services.AddAuthentication(AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "aimass.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.EventsType = typeof(SessionCookieEvents);
            })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.ApiTenant, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey).RequireRole(AIMassClaims.TenantRole))
            .AddPolicy(AuthPolicies.ApiAdmin, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey).RequireRole(AIMassClaims.AdminRole))
            .AddPolicy(AuthPolicies.ApiAny, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey)
                .RequireRole(AIMassClaims.TenantRole, AIMassClaims.AdminRole))
            .AddPolicy(AuthPolicies.PortalTenant, p => p.AddAuthenticationSchemes(AuthSchemes.Cookie).RequireRole(AIMassClaims.TenantRole))
            .AddPolicy(AuthPolicies.PortalAdmin, p => p.AddAuthenticationSchemes(AuthSchemes.Cookie).RequireRole(AIMassClaims.AdminRole));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddRateLimiter(TenantRateLimiting.Configure);
        return builder;
    }
}
