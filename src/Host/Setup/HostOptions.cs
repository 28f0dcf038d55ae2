namespace Tracker.Host.Setup;

/// <summary>The <c>Http</c> configuration section.</summary>
internal sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Largest accepted request body; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Origins allowed to call the API from a browser (SPAs on another host or port).</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>
    /// How long a browser may reuse a CORS preflight answer (<c>Access-Control-Max-Age</c>) before asking again.
    /// Browsers cap it (Chromium at 2 hours).
    /// </summary>
    public TimeSpan CorsPreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For/-Proto headers are believed; the client's address then
    /// comes from them (sign-in throttling is per address). Empty: headers are ignored.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>A folder with a built single-page app, served at <c>/app</c>; nothing is served when empty.</summary>
    public string? SpaPath { get; set; }
}
