using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Tracker.Host.Setup;

/// <summary>
/// Gives every request an id, returned in <c>X-Request-Id</c>. A well-formed id sent by the client (or a proxy)
/// is kept so that both sides can correlate; anything else is replaced.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Request-Id";
    private const int MaxLength = 128;
    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = incoming.Length is > 0 and <= MaxLength && !incoming.AsSpan().ContainsAnyExcept(Allowed)
            ? incoming
            : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>
/// Enforces the body size limit of each request: the endpoint's own (<c>[RequestSizeLimit]</c>, e.g. an import) or
/// <c>Http:MaxRequestBodyBytes</c>. A body that announces itself as too large gets 413 before it is read; one that
/// does not is cut off by the server once it passes the limit.
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, long maxBytes)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? maxBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
