using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mediator;
using Microsoft.Extensions.Logging;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Mediator;

internal static class MediatorTelemetry
{
    public const string ActivitySourceName = "Tracker.Mediator";
    public static readonly ActivitySource Source = new(ActivitySourceName);
    public static readonly Meter Meter = new(ActivitySourceName);

    /// <summary>
    /// Seconds per command or query, by type (<c>tracker.request.type</c>) and outcome (<c>tracker.request.outcome</c>:
    /// success, failure with <c>error.type</c> = the error code, or exception with <c>error.type</c> = its type).
    /// </summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "tracker.mediator.request.duration",
        unit: "s",
        description: "Duration of commands and queries through the mediator pipeline.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
}

/// <summary>One OpenTelemetry activity, one duration measurement and one log line per command or query, with its outcome.</summary>
public sealed class TelemetryBehavior<TMessage, TResponse>(ILogger<TelemetryBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string MessageName = typeof(TMessage).FullName ?? typeof(TMessage).Name;
    private static readonly KeyValuePair<string, object?> TypeTag = new("tracker.request.type", typeof(TMessage).Name);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = MediatorTelemetry.Source.StartActivity(typeof(TMessage).Name);
        activity?.SetTag("tracker.message", MessageName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (response is Result { IsFailure: true } failure)
            {
                MediatorTelemetry.Duration.Record(elapsed.TotalSeconds, TypeTag, new("tracker.request.outcome", "failure"), new("error.type", failure.Error.Code));
                activity?.SetTag("tracker.error_code", failure.Error.Code);
                logger.LogInformation("{Message} failed with {Code} in {Elapsed:0.0} ms", typeof(TMessage).Name, failure.Error.Code, elapsed.TotalMilliseconds);
            }
            else
            {
                MediatorTelemetry.Duration.Record(elapsed.TotalSeconds, TypeTag, new("tracker.request.outcome", "success"));
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    logger.LogDebug("{Message} handled in {Elapsed:0.0} ms", typeof(TMessage).Name, elapsed.TotalMilliseconds);
                }
            }

            return response;
        }
        catch (Exception exception)
        {
            MediatorTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, TypeTag, new("tracker.request.outcome", "exception"), new("error.type", exception.GetType().FullName));
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }
}
