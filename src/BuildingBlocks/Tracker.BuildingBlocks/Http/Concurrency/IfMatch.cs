using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Tracker.BuildingBlocks.Http.Concurrency;

/// <summary>
/// The If-Match precondition of a write, bound from the request header by taking it as an endpoint parameter. A
/// handler puts <see cref="Version"/> into the WHERE clause of the statement that changes the row, so the check
/// and the write are one atomic step (never a read followed by a write); no row changed while the row exists
/// means 412 <c>ERR_VERSION_MISMATCH</c>.
/// </summary>
public sealed class IfMatch : IEndpointParameterMetadataProvider
{
    /// <summary>No precondition: the header is absent or <c>*</c>.</summary>
    public static readonly IfMatch None = new(null, valid: true);

    private IfMatch(long? version, bool valid)
    {
        Version = version;
        IsValid = valid;
    }

    /// <summary>
    /// The version the client last saw, or null when it set no precondition. A tag the API never issued (weak,
    /// foreign) becomes 0, which no row has: such a precondition fails, as HTTP's strong comparison says.
    /// </summary>
    public long? Version { get; }

    /// <summary>False for a header that is not one entity tag or <c>*</c>; the ETag filter answers 400 then.</summary>
    public bool IsValid { get; }

    public static ValueTask<IfMatch?> BindAsync(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return ValueTask.FromResult<IfMatch?>(None);
        }

        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count != 1)
        {
            return ValueTask.FromResult<IfMatch?>(new IfMatch(0, valid: false));
        }

        var tag = tags[0];
        if (tag.Tag.Value == "*")
        {
            return ValueTask.FromResult<IfMatch?>(None);
        }

        return ValueTask.FromResult<IfMatch?>(new IfMatch(EntityTags.TryParseVersion(tag, out var version) ? version : 0, valid: true));
    }

    /// <summary>Declares the header and the 412 answer for the OpenAPI document.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(IfMatchMetadata.Instance);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), [ProblemResults.ProblemJson]));
    }
}

/// <summary>Marks an operation that accepts If-Match.</summary>
public sealed class IfMatchMetadata
{
    public static readonly IfMatchMetadata Instance = new();

    private IfMatchMetadata()
    {
    }
}
