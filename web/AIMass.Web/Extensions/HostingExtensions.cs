using AIMass.Web.Configuration;
using AIMass.Web.Hosting;
using Microsoft.AspNetCore.Hosting;

namespace AIMass.Web.Extensions;

/// <summary>Wires the whole web host: grains (embedded silo or client), security, the HTTP API and the portal.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddAIMassWeb(this WebApplicationBuilder builder)
    {
        // Serves blazor.web.js and the packages' CSS/JS from the build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        builder.UseDefaultUrl();

        var settings = builder.ReadSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddAIMassGrains(settings);
        builder.AddAIMassSecurity(settings);
        builder.AddAIMassApi(settings);
        builder.AddAIMassPortal();
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    /// <summary>Listens on <see cref="WebOptions.DefaultUrl"/> unless URLs or Kestrel endpoints are configured.</summary>
    private static void UseDefaultUrl(this WebApplicationBuilder builder)
    {
        var configured = !string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(builder.Configuration["http_ports"])
            || !string.IsNullOrEmpty(builder.Configuration["https_ports"])
            || builder.Configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured) builder.WebHost.UseUrls(WebOptions.DefaultUrl);
    }

    private static WebHostSettings ReadSettings(this WebApplicationBuilder builder)
    {
        var service = builder.Configuration.GetSection(Silo.Configuration.AIMassOptions.Section).Get<Silo.Configuration.AIMassOptions>()
            ?? new Silo.Configuration.AIMassOptions();
        var web = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        var errors = service.Validate().Concat(web.Validate()).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("Invalid configuration: " + string.Join("; ", errors));
        return new WebHostSettings(service, web, Path.GetFullPath(service.DataDirectory));
    }
}
