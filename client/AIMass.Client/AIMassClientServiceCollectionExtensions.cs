using AIMass.Client.Grains;
using AIMass.Client.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AIMass.Client;

/// <summary>Registers an <see cref="IAIMassClient"/> for dependency injection.</summary>
public static class AIMassClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAIMassClient"/> with the given transport: over HTTP through <c>IHttpClientFactory</c>
    /// (a typed client), or over grains using the container's <c>IGrainFactory</c> (from a silo or from
    /// <c>AddAIMassOrleansClient</c>; uploads use the container's <c>IDatasetStaging</c>). The options are validated here, so a mistake shows at start-up.
    /// </summary>
    public static IServiceCollection AddAIMassClient(this IServiceCollection services, AIMassClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        services.AddSingleton(options);
        if (options.Transport == AIMassTransport.Http)
        {
            services.AddHttpClient<IAIMassClient, HttpAIMassClient>((http, sp) => new HttpAIMassClient(http, options))
                .ConfigureHttpClient(http => http.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
        }
        else
        {
            services.AddSingleton<IAIMassClient>(sp => new GrainAIMassClient(sp.GetRequiredService<IGrainFactory>(), options, sp.GetService<AIMass.Grains.Datasets.IDatasetStaging>()));
        }
        return services;
    }

    /// <summary>Registers <see cref="IAIMassClient"/> with options set by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddAIMassClient(this IServiceCollection services, Action<AIMassClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AIMassClientOptions();
        configure(options);
        return services.AddAIMassClient(options);
    }
}
