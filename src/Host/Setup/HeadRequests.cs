using Microsoft.AspNetCore.Http.Features;

namespace Tracker.Host.Setup;

/// <summary>
/// HEAD works wherever GET does (RFC 9110 §9.3.2): the request is routed as a GET, answers the same status and
/// headers (ETag, Content-Type, X-Request-Id, ...) and its body is discarded. Endpoints never map HEAD themselves.
/// </summary>
internal static class HeadRequests
{
    private static readonly object Marker = new();

    /// <summary>Adds routing to the pipeline here, between the two halves, so it must come before anything that needs the endpoint.</summary>
    public static void UseHeadAsGet(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
                context.Items[Marker] = true;
            }

            return next(context);
        });
        app.UseRouting();
        app.Use(async (context, next) =>
        {
            if (!context.Items.ContainsKey(Marker))
            {
                await next(context);
                return;
            }

            // Past routing the request is a HEAD again (logs, the ETag filter's If-None-Match check see it as such).
            context.Request.Method = HttpMethods.Head;
            var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(body);
            }
        });
    }
}
