using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.ListTypes;

/// <param name="Search">Part of the name, any case.</param>
internal sealed record ListTypesQuery(string? Search = null) : IQuery<TypeListJson>;

/// <summary>
/// The list, already serialized (the full list comes from <see cref="TypeListCache"/>, or is written per request into
/// <paramref name="Buffer"/>, a pooled buffer to release once the answer is sent).
/// </summary>
internal sealed record TypeListJson(ReadOnlyMemory<byte> Utf8, IDisposable? Buffer = null);

internal sealed class ListTypesQueryValidator : AbstractValidator<ListTypesQuery>
{
    public ListTypesQueryValidator() => RuleFor(q => q.Search).MaximumLength(MiniatureType.NameMaxLength).SafeText();
}

internal sealed class ListTypesQueryHandler(MiniaturesDbContext db, TypeListCache cache, IOptions<JsonOptions> json) : IQueryHandler<ListTypesQuery, TypeListJson>
{
    public async ValueTask<TypeListJson> Handle(ListTypesQuery query, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            return new(JsonSerializer.SerializeToUtf8Bytes(new TypeListResponse(await TypeReader.ReadAsync(db, query.Search, cancellationToken)), json.Value.SerializerOptions));
        }

        if (cache.Enabled)
        {
            return new(await cache.GetAsync());
        }

        var buffer = cache.RentBuffer();
        try
        {
            await TypeListWriter.WriteAsync(db, json.Value.SerializerOptions, buffer, cancellationToken);
            return new(buffer.WrittenMemory, buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}

internal sealed class ListTypesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/types", async ([AsParameters] ListTypesQuery query, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            {
                var list = await sender.Send(query, cancellationToken);
                if (list.Buffer is { } buffer)
                {
                    http.Response.RegisterForDispose(buffer);
                }

                return TypedResults.Bytes(list.Utf8, "application/json");
            })
            .Produces<TypeListResponse>(StatusCodes.Status200OK, "application/json")
            .WithSummary("All miniature types A–Z with their count per stage")
            .WithDescription("Sorted by name ignoring case; `search` keeps the types whose name contains it.");
}
