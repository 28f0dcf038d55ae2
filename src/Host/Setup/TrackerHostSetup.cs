using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Tracker.BuildingBlocks.Http;
using Tracker.BuildingBlocks.Http.Idempotency;
using Tracker.BuildingBlocks.Json;
using Tracker.BuildingBlocks.Mediator;
using Tracker.BuildingBlocks.Modules;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.Host.Setup;

internal static class TrackerHostSetup
{
    private static readonly string[] Cultures = ["en", "ru"];

    public static void AddTrackerHost(this WebApplicationBuilder builder, IReadOnlyList<IModule> modules)
    {
        var configuration = builder.Configuration;
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        database.DataDirectory = Path.GetFullPath(configuration["DataDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.Environment.ContentRootPath, "data"));
        DataDirectory.Prepare(database.DataDirectory);

        var http = configuration.GetSection(HttpOptions.Section).Get<HttpOptions>() ?? new HttpOptions();
        builder.Services.AddSingleton(http);
        // The limit is set per request by RequestSizeLimitMiddleware (endpoints such as imports allow more).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);

        builder.AddTrackerLogging(database.DataDirectory);
        builder.AddTrackerTelemetry();

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.UseStrictInput());
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddRequestLocalization(o =>
        {
            o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.ApplyCurrentCultureToResponseHeaders = true;
        });
        if (http.CorsOrigins.Length > 0)
        {
            builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
                .WithOrigins(http.CorsOrigins)
                .AllowAnyHeader()
                .AllowAnyMethod()
                .SetPreflightMaxAge(http.CorsPreflightMaxAge)
                .WithExposedHeaders(RequestIdMiddleware.Header, "Retry-After", "Location", "ETag", IdempotentEndpoints.ReplayedHeader)));
        }

        builder.Services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.GenerateTypesAsInternal = true;
            options.PipelineBehaviors = [typeof(TelemetryBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in http.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddTrackerOpenApi(modules);
        builder.Services.AddTrackerModules(configuration, builder.Environment, database, modules);
    }

    public static void UseTrackerPipeline(this WebApplication app)
    {
        var http = app.Services.GetRequiredService<HttpOptions>();

        if (http.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseHeadAsGet();

        // Culture first: error texts produced further out (exception handler, status pages) are localised too.
        app.UseRequestLocalization();
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseTrackerRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimitMiddleware>(http.MaxRequestBodyBytes);
        app.UseDatabaseStartupGate("/health", "/health/ready");
        if (http.CorsOrigins.Length > 0)
        {
            app.UseCors();
        }

        app.UseAuthentication();
        app.UseAuthorization();

        app.MapTrackerModules();
        app.MapTrackerApiReference();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ModuleRegistration.ReadyTag),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();
        app.MapSpa(http.SpaPath);
    }

    /// <summary>Serves a built SPA at /app, with client-side routes falling back to its index.html.</summary>
    private static void MapSpa(this WebApplication app, string? spaPath)
    {
        if (string.IsNullOrWhiteSpace(spaPath) || !File.Exists(Path.Combine(spaPath, "index.html")))
        {
            return;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(spaPath));
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/app" });
        app.MapFallbackToFile("/app/{**path}", "index.html", new StaticFileOptions { FileProvider = files }).AllowAnonymous();
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
        });
    }

    /// <summary>The <c>migrate</c> verb: apply every module's migrations, then exit.</summary>
    public static async Task MigrateDatabasesAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tracker.Migrate");
        await DatabaseMigrator.MigrateAllAsync(app.Services, logger, CancellationToken.None);
        logger.LogInformation("All module databases are migrated");
    }
}
