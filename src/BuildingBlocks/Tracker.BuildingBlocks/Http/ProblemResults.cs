using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Http;

/// <summary>Turns <see cref="Error"/>s and <see cref="Result"/>s into RFC 9457 problem+json responses.</summary>
public static class ProblemResults
{
    public const string CodeMember = "code";
    public const string TraceIdMember = "traceId";
    public const string ProblemJson = "application/problem+json";

    public static ProblemDetails ToProblemDetails(this Error error)
    {
        var culture = CultureInfo.CurrentUICulture;
        var problem = new ProblemDetails
        {
            Status = error.Status,
            Title = error.TitleIn(culture),
            Detail = error.DetailIn(culture),
        };
        problem.Extensions[CodeMember] = error.Code;
        foreach (var (name, value) in error.Extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    public static ProblemHttpResult ToProblem(this Error error) => TypedResults.Problem(error.ToProblemDetails());

    /// <summary>Maps a successful result with <paramref name="onSuccess"/> and a failure to problem+json.</summary>
    public static Results<TSuccess, ProblemHttpResult> ToHttp<T, TSuccess>(this Result<T> result, Func<T, TSuccess> onSuccess)
        where TSuccess : IResult =>
        result.IsFailure ? result.Error.ToProblem() : onSuccess(result.Value);

    public static Results<NoContent, ProblemHttpResult> ToHttp(this Result result) =>
        result.IsFailure ? result.Error.ToProblem() : TypedResults.NoContent();

    /// <summary>The W3C trace id of the current request, the same id the logs and traces carry.</summary>
    public static string CurrentTraceId(HttpContext context) =>
        Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
}
