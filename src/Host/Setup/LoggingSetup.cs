using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Tracker.Host.Setup;

internal static class LoggingSetup
{
    /// <summary>
    /// Console for people, rolling compact JSON in the data directory for machines. Both carry trace and span ids.
    /// Request bodies, passwords and tokens are never logged: request logging records method, path, status, timing.
    /// </summary>
    public static void AddTrackerLogging(this WebApplicationBuilder builder, string dataDirectory)
    {
        var logs = builder.Configuration.GetSection("Logging:File");

        // Serilog writes console and file itself; other providers (OpenTelemetry's) are fed through writeToProviders.
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}")
            .WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(dataDirectory, "logs", "tracker-.json"),
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: logs.GetValue("MaxFileBytes", 50L * 1024 * 1024),
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: logs.GetValue("RetainedFiles", 31)),
            preserveStaticLogger: true,
            writeToProviders: true);
    }

    public static void UseTrackerRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("RequestId", http.TraceIdentifier);
                var user = http.User.FindFirst(Tracker.BuildingBlocks.Security.TrackerClaims.UserId)?.Value;
                if (user is not null)
                {
                    diagnostics.Set("UserId", user);
                }
            };
        });
}
