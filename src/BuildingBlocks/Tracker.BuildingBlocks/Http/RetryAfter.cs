using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Results;

namespace Tracker.BuildingBlocks.Http;

/// <summary>
/// How a 429 or 503 tells the client when to come back: the error carries <c>retryAfterSeconds</c>, and every
/// problem response that carries it also gets the <c>Retry-After</c> header, so the two never disagree.
/// </summary>
public static class RetryAfter
{
    public const string Member = "retryAfterSeconds";

    /// <summary>
    /// The problem type of every 429 (the framework names types for the other statuses it knows, not this one):
    /// the RFC that defines the status.
    /// </summary>
    public const string TooManyRequestsType = "https://www.rfc-editor.org/rfc/rfc6585#section-4";

    /// <summary>Whole seconds, rounded up and at least one: "0" would invite an immediate retry.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static Error WithRetryAfter(this Error error, TimeSpan wait) => error.WithExtension(Member, Seconds(wait));

    /// <summary>The header alone, for an answer that is not a problem (a health probe).</summary>
    internal static void SetHeader(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);

    internal static void SetHeader(HttpResponse response, ProblemDetails problem)
    {
        if (problem.Extensions.TryGetValue(Member, out var value) && value is int seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
