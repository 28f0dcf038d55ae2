using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracker.BuildingBlocks.Json;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Results;
using Tracker.BuildingBlocks.Validation;

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

        var culture = CultureInfo.CurrentUICulture;
        IReadOnlyDictionary<string, string[]>? fieldErrors = null;
        var error = exception switch
        {
            RequestValidationException => CommonErrors.Validation,
            BadHttpRequestException bad when UnboundParameter(bad) is not null || MissingParameter(bad) is not null => CommonErrors.Validation,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => CommonErrors.PayloadTooLarge,
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => CommonErrors.UnsupportedMediaType,
            BadHttpRequestException { InnerException: JsonException } => CommonErrors.MalformedJson,
            BadHttpRequestException bad when MissingBody(bad) => CommonErrors.MalformedJson,
            BadHttpRequestException bad => CommonErrors.ForStatus(bad.StatusCode),
            _ when exception.IsDatabaseUnavailable() => DatabaseUnavailable.Error,
            _ => CommonErrors.Internal,
        };

        if (exception is RequestValidationException validation)
        {
            fieldErrors = validation.Errors;
        }
        else if (exception is BadHttpRequestException bad && UnboundParameter(bad) is { } clrName)
        {
            var (endpoint, parameter) = FailedParameter(httpContext, clrName);
            var message = StrictEnumParameters.EnumTypeOf(endpoint, parameter) is { } enumType
                ? WireEnum.NotOneOf(enumType)
                : FieldMessages.NotParsable;
            fieldErrors = new Dictionary<string, string[]> { [parameter] = [message.In(culture)] };
        }
        else if (exception is BadHttpRequestException absent && MissingParameter(absent) is { } missingName)
        {
            var (_, parameter) = FailedParameter(httpContext, missingName);
            fieldErrors = new Dictionary<string, string[]> { [parameter] = [FieldMessages.Required.In(culture)] };
        }
        else if (exception is BadHttpRequestException { InnerException: JsonException json })
        {
            // Which field and what kind of problem, never what the body contained.
            (error, var described) = JsonInputErrors.Describe(json, culture);
            fieldErrors = described;
        }
        else if (exception is BadHttpRequestException missing && MissingBody(missing))
        {
            fieldErrors = new Dictionary<string, string[]> { ["$"] = [FieldMessages.BodyRequired.In(culture)] };
        }

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
        if (fieldErrors is not null)
        {
            problem.Extensions["errors"] = fieldErrors;
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
    /// The C# name of the query or route value that minimal API binding could not read (an unknown enum name, "abc"
    /// for a number). The framework reports it only in the exception's message.
    /// </summary>
    private static string? UnboundParameter(BadHttpRequestException exception) =>
        BindingFailure().Match(exception.Message) is { Success: true } match ? match.Groups["name"].Value : null;

    /// <summary>The endpoint that failed to bind <paramref name="clrName"/>, and that parameter's name on the wire.</summary>
    private static (Endpoint? Endpoint, string Parameter) FailedParameter(HttpContext httpContext, string clrName)
    {
        // The middleware has cleared the endpoint by now; the feature still holds the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        return (endpoint, StrictEnumParameters.WireNameOf(endpoint, clrName) ?? char.ToLowerInvariant(clrName[0]) + clrName[1..]);
    }

    /// <summary>The C# name of a required query, route or header value the request did not send.</summary>
    private static string? MissingParameter(BadHttpRequestException exception) =>
        RequiredMissing().Match(exception.Message) is { Success: true } match ? match.Groups["name"].Value : null;

    /// <summary>No body, or the JSON <c>null</c>, where the operation reads an object from the body.</summary>
    private static bool MissingBody(BadHttpRequestException exception) =>
        exception is { StatusCode: StatusCodes.Status400BadRequest, InnerException: null }
        && UnboundParameter(exception) is null
        && MissingParameter(exception) is null
        && exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex BindingFailure();

    [GeneratedRegex("^Required parameter \"[^\"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)\" was not provided")]
    private static partial Regex RequiredMissing();
}
