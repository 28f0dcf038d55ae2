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

/// <summary>The list, already serialized (the full list comes from <see cref="TypeListCache"/>).</summary>
internal sealed record TypeListJson(byte[] Utf8);

internal sealed class ListTypesQueryValidator : AbstractValidator<ListTypesQuery>
{
    public ListTypesQueryValidator() => RuleFor(q => q.Search).MaximumLength(MiniatureType.NameMaxLength).SafeText();
}

internal sealed class ListTypesQueryHandler(MiniaturesDbContext db, TypeListCache cache, IOptions<JsonOptions> json) : IQueryHandler<ListTypesQuery, TypeListJson>
{
    public async ValueTask<TypeListJson> Handle(ListTypesQuery query, CancellationToken cancellationToken) =>
        new(string.IsNullOrWhiteSpace(query.Search)
            ? await cache.GetAsync()
            : JsonSerializer.SerializeToUtf8Bytes(new TypeListResponse(await TypeReader.ReadAsync(db, query.Search, cancellationToken)), json.Value.SerializerOptions));
}

internal sealed class ListTypesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/types", async ([AsParameters] ListTypesQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Bytes((await sender.Send(query, cancellationToken)).Utf8, "application/json"))
            .Produces<TypeListResponse>(StatusCodes.Status200OK, "application/json")
            .WithSummary("All miniature types A–Z with their count per stage")
            .WithDescription("Sorted by name ignoring case; `search` keeps the types whose name contains it.");
}
