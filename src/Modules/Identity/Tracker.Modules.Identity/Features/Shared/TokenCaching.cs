namespace Tracker.Modules.Identity.Features.Shared;

/// <summary>
/// Answers that carry tokens must never be kept by a browser, a proxy or a shared cache (RFC 6749 §5.1), whatever
/// the status: the headers are set before the handler runs.
/// </summary>
internal static class TokenCaching
{
    public static RouteHandlerBuilder NotCached(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            return await next(context);
        });
}
