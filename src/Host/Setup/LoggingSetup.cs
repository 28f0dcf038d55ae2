using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Tracker.Host.Setup;

internal static class LoggingSetup
{
    /// <summary>
    /// Console for people, rolling compact JSON in the data directory for machines. Both carry trace and span ids.
    /// Request bodies, passwords and tokens are never logged: request logging records method, route, status, timing.
    /// Every event written during a request carries its <c>RequestId</c> (<see cref="RequestIdMiddleware"/>).
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
            .Enrich.With<RequestIdEnricher>()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId} {RequestId}{NewLine}{Exception}")
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

    /// <summary>
    /// One line per request when it completes: method, route template (never the path with its ids), status,
    /// elapsed milliseconds, user id, request id and trace id. Health probes are logged at Verbose only.
    /// </summary>
    public static void UseTrackerRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The host's logger: the static Log.Logger is preserved (silent), and writing there lost every line.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RouteTemplate} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (http, _, exception) =>
                // 503 is an answer the service chose (database unavailable, overload), logged where it was decided.
                http.Response.StatusCode == StatusCodes.Status503ServiceUnavailable && exception is null ? LogEventLevel.Warning
                : exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                // No endpoint (an unknown route): the path stands in, as there is no template to group by.
                diagnostics.Set("RouteTemplate", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "/");
                diagnostics.Set(RequestIdMiddleware.LogProperty, http.TraceIdentifier);
                if (System.Diagnostics.Activity.Current is { } activity)
                {
                    diagnostics.Set("TraceId", activity.TraceId.ToHexString());
                }

                var user = http.User.FindFirst(Tracker.BuildingBlocks.Security.TrackerClaims.UserId)?.Value;
                if (user is not null)
                {
                    diagnostics.Set("UserId", user);
                }
            };
        });
}

/// <summary>
/// Stamps every event written while a request runs with the request's <c>X-Request-Id</c> as <c>RequestId</c>,
/// replacing the value ASP.NET Core's own log scope puts there (the connection-based id it had before
/// <see cref="RequestIdMiddleware"/> ran).
/// </summary>
internal sealed class RequestIdEnricher : Serilog.Core.ILogEventEnricher
{
    private static readonly AsyncLocal<Serilog.Events.LogEventProperty?> Current = new();

    /// <summary>From here on, in this request's flow, events carry <paramref name="requestId"/>.</summary>
    public static void Set(string requestId) =>
        Current.Value = new Serilog.Events.LogEventProperty(RequestIdMiddleware.LogProperty, new Serilog.Events.ScalarValue(requestId));

    public void Enrich(LogEvent logEvent, Serilog.Core.ILogEventPropertyFactory propertyFactory)
    {
        if (Current.Value is { } property)
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }
}
