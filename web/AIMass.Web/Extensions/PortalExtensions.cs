using AIMass.Web.Services;
using MudBlazor.Services;

namespace AIMass.Web.Extensions;

/// <summary>The portal: interactive server components, MudBlazor, the per-circuit session.</summary>
public static class PortalExtensions
{
    public static WebApplicationBuilder AddAIMassPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<PortalSession>();
        return builder;
    }
}
