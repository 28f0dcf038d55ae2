using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Tracker.Host.Setup;

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
