using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Mediator;

internal static class MediatorTelemetry
{
    public const string ActivitySourceName = "Tracker.Mediator";
    public static readonly ActivitySource Source = new(ActivitySourceName);
}

/// <summary>One OpenTelemetry activity and one log line per command or query, with its outcome.</summary>
public sealed class TelemetryBehavior<TMessage, TResponse>(ILogger<TelemetryBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string MessageName = typeof(TMessage).FullName ?? typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = MediatorTelemetry.Source.StartActivity(typeof(TMessage).Name);
        activity?.SetTag("tracker.message", MessageName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            if (response is Result { IsFailure: true } failure)
            {
                activity?.SetTag("tracker.error_code", failure.Error.Code);
                logger.LogInformation("{Message} failed with {Code} in {Elapsed:0.0} ms", typeof(TMessage).Name, failure.Error.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("{Message} handled in {Elapsed:0.0} ms", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }
}
