using System.Net;
using System.Net.Http.Headers;

namespace Tracker.IntegrationTests.Infrastructure;

/// <summary>
/// Sits in every test client: whenever the API answers 201 Created, it follows the Location at once (with the
/// caller's credentials, or an administrator's for anonymous calls such as self-registration) and fails the test
/// unless that answers 200. So every Location the suite ever sees is proven to resolve.
/// </summary>
internal sealed class LocationFollower(Func<Task<string>> adminToken) : DelegatingHandler
{
    private static long _followed;

    public static long Followed => Interlocked.Read(ref _followed);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return response;
        }

        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException($"{request.Method} {request.RequestUri} answered 201 without a Location.");
        using var follow = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri!, location));
        follow.Headers.Authorization = request.Headers.Authorization ?? new AuthenticationHeaderValue("Bearer", await adminToken());
        using var followed = await base.SendAsync(follow, cancellationToken);
        if (followed.StatusCode != HttpStatusCode.OK)
        {
            throw new Xunit.Sdk.XunitException($"{request.Method} {request.RequestUri} answered 201 with Location {location}, which answers {(int)followed.StatusCode}.");
        }

        Interlocked.Increment(ref _followed);
        return response;
    }
}
