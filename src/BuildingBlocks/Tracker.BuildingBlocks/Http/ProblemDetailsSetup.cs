using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Http;

public static class ProblemDetailsSetup
{
    /// <summary>The problem member that repeats the request's <c>X-Request-Id</c>.</summary>
    public const string RequestIdMember = "requestId";

    /// <summary>
    /// Every problem response (ours, the framework's bare status codes, the exception handler's) leaves through
    /// here: it gains a stable code, localised texts when it had none, the trace id and the request id.
    /// </summary>
    public static IServiceCollection AddTrackerProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.ContainsKey(ProblemResults.CodeMember))
            {
                var error = CommonErrors.ForStatus(status);
                var culture = CultureInfo.CurrentUICulture;
                problem.Extensions[ProblemResults.CodeMember] = error.Code;
                problem.Title = error.TitleIn(culture);
                problem.Detail ??= error.DetailIn(culture);
            }

            RetryAfter.SetHeader(context.HttpContext.Response, problem);
            problem.Type ??= status == StatusCodes.Status429TooManyRequests ? RetryAfter.TooManyRequestsType : null;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions[ProblemResults.TraceIdMember] = ProblemResults.CurrentTraceId(context.HttpContext);
            // The host's request-id middleware makes the trace identifier the X-Request-Id it answers with.
            problem.Extensions[RequestIdMember] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<TrackerExceptionHandler>();
        return services;
    }
}
