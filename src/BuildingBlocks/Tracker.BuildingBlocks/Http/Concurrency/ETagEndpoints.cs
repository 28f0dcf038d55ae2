using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Http.Concurrency;

/// <summary>Marks an operation whose answers carry the resource's ETag (and, for reads, honour If-None-Match).</summary>
public sealed class ETagMetadata
{
    public static readonly ETagMetadata Instance = new();

    private ETagMetadata()
    {
    }
}

public static class ETagEndpoints
{
    /// <summary>
    /// The endpoint answers a <see cref="IVersionedResource"/>: successful answers (and 412 problems, from their
    /// <c>current</c> member) carry its strong ETag; a GET whose If-None-Match names the current tag answers 304
    /// without a body. Writes take an <see cref="IfMatch"/> parameter as well, for their precondition.
    /// </summary>
    public static RouteHandlerBuilder SupportsETag(this RouteHandlerBuilder builder)
    {
        builder.WithMetadata(ETagMetadata.Instance);
        return builder.AddEndpointFilter(ApplyAsync);
    }

    private static async ValueTask<object?> ApplyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<IfMatch>().Any(p => !p.IsValid))
        {
            return ConcurrencyErrors.PreconditionInvalid.ToProblem();
        }

        var result = await next(context);
        var inner = result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }

        var resource = inner switch
        {
            IValueHttpResult { Value: IVersionedResource value } and IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } => value,
            ProblemHttpResult problem when problem.ProblemDetails.Extensions.TryGetValue(ConcurrencyErrors.CurrentMember, out var current) => current as IVersionedResource,
            _ => null,
        };
        if (resource is null)
        {
            return result;
        }

        var http = context.HttpContext;
        var tag = EntityTags.Format(resource);
        http.Response.Headers.ETag = tag;
        var isRead = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        return isRead && inner is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } && EntityTags.NoneMatchHolds(http.Request.Headers.IfNoneMatch, tag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : result;
    }
}
