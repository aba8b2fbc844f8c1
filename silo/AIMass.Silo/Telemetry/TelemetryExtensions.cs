using AIMass.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace AIMass.Silo.Telemetry;

/// <summary>
/// Collects the service's meters (trials by outcome, queue depth per tenant, lease expiries, worker utilisation,
/// training seconds) and Orleans' own with OpenTelemetry; exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (the web host adds a Prometheus endpoint of its own).
/// </summary>
public static class TelemetryExtensions
{
    public static IServiceCollection AddAIMassTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(ServiceMetrics.MeterName, "Microsoft.Orleans");
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))) metrics.AddOtlpExporter();
        });
        return services;
    }
}
