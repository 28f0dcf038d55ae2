using System.Buffers;

namespace Tracker.Host.Setup;

/// <summary>
/// Gives every request an id, returned in <c>X-Request-Id</c>. A well-formed id sent by the client (or a proxy)
/// is kept so that both sides can correlate; anything else is replaced. Every log event written while the request
/// runs carries it as <c>RequestId</c>.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Request-Id";
    public const string LogProperty = "RequestId";
    private const int MaxLength = 128;
    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public async Task InvokeAsync(HttpContext context)
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
        // Async, so that the id flows into everything this request runs and does not outlive it.
        RequestIdEnricher.Set(id);
        await next(context);
    }
}
