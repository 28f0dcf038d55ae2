using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Http;

/// <summary>
/// The last line of defence: validation failures, unreadable bodies and unexpected exceptions all become
/// problem+json. Internals never reach the client; the stack trace goes to the log with the trace id.
/// </summary>
internal sealed partial class TrackerExceptionHandler(IProblemDetailsService problemDetails, ILogger<TrackerExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var error = exception switch
        {
            RequestValidationException => CommonErrors.Validation,
            BadHttpRequestException bad when UnboundParameter(bad) is not null => CommonErrors.Validation,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => CommonErrors.PayloadTooLarge,
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => CommonErrors.UnsupportedMediaType,
            BadHttpRequestException { InnerException: JsonException } => CommonErrors.MalformedJson,
            BadHttpRequestException bad => CommonErrors.ForStatus(bad.StatusCode),
            _ when exception.IsDatabaseUnavailable() => DatabaseUnavailable.Error,
            _ => CommonErrors.Internal,
        };

        if (error == CommonErrors.Internal)
        {
            logger.LogError(exception, "Unhandled exception while processing {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (error == DatabaseUnavailable.Error)
        {
            // Not a bug here: an operator's problem, told once per request without the stack trace.
            logger.LogWarning("Database unavailable while processing {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        }
        else
        {
            logger.LogInformation("Rejected {Method} {Path}: {Code}", httpContext.Request.Method, httpContext.Request.Path, error.Code);
        }

        var problem = error.ToProblemDetails();
        if (exception is RequestValidationException validation)
        {
            problem.Extensions["errors"] = validation.Errors;
        }
        else if (exception is BadHttpRequestException bad && UnboundParameter(bad) is { } parameter)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [parameter] = ["The value is missing or not valid here."] };
        }
        else if (exception.InnerException is JsonException { Path: { } path })
        {
            // Where the body went wrong, never what it contained.
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [path] = ["Unexpected value or structure here."] };
        }

        httpContext.Response.StatusCode = error.Status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// The query or route parameter that minimal API binding could not read (an unknown enum name, "abc" for a
    /// number), named as the client writes it. The framework reports it only in the exception's message.
    /// </summary>
    private static string? UnboundParameter(BadHttpRequestException exception)
    {
        var match = BindingFailure().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    [GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex BindingFailure();
}
