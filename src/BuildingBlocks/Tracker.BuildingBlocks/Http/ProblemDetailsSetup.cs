using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Http;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Every problem response (ours, the framework's bare status codes, the exception handler's) leaves through
    /// here: it gains a stable code, localised texts when it had none, and the trace id.
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
            var requestId = context.HttpContext.Features.Get<IHttpRequestIdentifierFeature>()?.TraceIdentifier;
            if (requestId is not null)
            {
                problem.Extensions["requestId"] = requestId;
            }
        });
        services.AddExceptionHandler<TrackerExceptionHandler>();
        return services;
    }
}
