using Scalar.AspNetCore;

namespace Tracker.Host.Setup;

/// <summary>
/// Where people and generators find the API: the OpenAPI document at <c>/openapi/v1.json</c> (always, clients are
/// generated from it) and, unless <c>Http:ApiReference</c> is false, the Scalar reference at <c>/scalar</c> with
/// <c>/</c> redirecting to it, so the address a newcomer types first leads somewhere.
/// </summary>
internal static class ApiReferenceSetup
{
    public const string ApiReferenceKey = "Http:ApiReference";
    public const string ScalarPath = "/scalar";

    public static void MapTrackerApiReference(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        if (!app.Configuration.GetValue(ApiReferenceKey, defaultValue: true))
        {
            return;
        }

        app.MapScalarApiReference(ScalarPath).AllowAnonymous();
        app.MapGet("/", () => TypedResults.Redirect(ScalarPath)).AllowAnonymous().ExcludeFromDescription();
    }
}
