using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.ListTypes;

/// <param name="Search">Part of the name, any case.</param>
internal sealed record ListTypesQuery(string? Search = null) : IQuery<TypeListResponse>;

internal sealed class ListTypesQueryValidator : AbstractValidator<ListTypesQuery>
{
    public ListTypesQueryValidator() => RuleFor(q => q.Search).MaximumLength(MiniatureType.NameMaxLength);
}

internal sealed class ListTypesQueryHandler(MiniaturesDbContext db) : IQueryHandler<ListTypesQuery, TypeListResponse>
{
    public async ValueTask<TypeListResponse> Handle(ListTypesQuery query, CancellationToken cancellationToken)
    {
        var types = db.Types.AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = MiniatureType.Normalize(query.Search);
            types = types.Where(t => t.NormalizedName.Contains(term));
        }

        return new TypeListResponse(await TypeReader.ReadAsync(types, cancellationToken));
    }
}

internal sealed class ListTypesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        MiniaturesRoutes.Group(app).MapGet("/types", async Task<Ok<TypeListResponse>> ([AsParameters] ListTypesQuery query, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithName("MiniaturesListTypes")
            .WithSummary("All miniature types A–Z with their count per stage")
            .WithDescription("Sorted by name ignoring case; `search` keeps the types whose name contains it.");
}
