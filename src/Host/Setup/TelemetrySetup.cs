using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracker.BuildingBlocks;

namespace Tracker.Host.Setup;

internal static class TelemetrySetup
{
    /// <summary>Turns instrumentation on without a collector (tests add in-memory exporters; an agent may read it).</summary>
    public const string EnabledSetting = "Telemetry:Enabled";

    /// <summary>
    /// Traces: ASP.NET Core, HttpClient, the mediator, outbox publish and delivery, and every database command
    /// (Tracker's own interceptor on every provider; Npgsql's instrumentation is left out, or PostgreSQL commands
    /// would be traced twice). Metrics: HTTP, runtime and the Tracker.* meters. Exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; with neither that nor <see cref="EnabledSetting"/>, nothing is
    /// registered and no instrumentation runs on the hot path.
    /// </summary>
    public static void AddTrackerTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && !builder.Configuration.GetValue<bool>(EnabledSetting))
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "tracker"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource([.. TrackerTelemetry.ActivitySources]))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TrackerTelemetry.MeterWildcard));
        if (otlp)
        {
            telemetry.WithLogging().UseOtlpExporter();
        }
    }
}
