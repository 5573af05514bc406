using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AstroBot.Continuity.Observability;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The activity source and meter every capability reports through.</summary>
    public const string SourceName = "AstroBot.Continuity";

    /// <summary>
    /// OpenTelemetry traces, metrics and logs exported to Azure Monitor, only when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is configured; otherwise nothing is exported.
    /// </summary>
    public static IServiceCollection AddContinuityTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(SourceName)
                .AddAzureMonitorTraceExporter(exporter => exporter.ConnectionString = connectionString))
            .WithMetrics(metrics => metrics
                .AddMeter(SourceName)
                .AddAzureMonitorMetricExporter(exporter => exporter.ConnectionString = connectionString));
        services.AddLogging(logging => logging.AddOpenTelemetry(otel =>
        {
            // Log templates only: formatted messages could carry values we never want to ship.
            otel.IncludeFormattedMessage = false;
            otel.AddAzureMonitorLogExporter(exporter => exporter.ConnectionString = connectionString);
        }));
        return services;
    }
}
