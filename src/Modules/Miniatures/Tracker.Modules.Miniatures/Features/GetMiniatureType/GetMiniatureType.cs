using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.GetMiniatureType;

internal sealed record GetMiniatureTypeQuery(Guid TypeId) : IQuery<Result<TypeResponse>>;

internal sealed class GetMiniatureTypeQueryHandler(MiniaturesDbContext db) : IQueryHandler<GetMiniatureTypeQuery, Result<TypeResponse>>
{
    public async ValueTask<Result<TypeResponse>> Handle(GetMiniatureTypeQuery query, CancellationToken cancellationToken) =>
        await TypeReader.FindAsync(db, query.TypeId, cancellationToken) is { } type
            ? type
            : MiniaturesErrors.TypeNotFound.WithDetail(query.TypeId);
}

internal sealed class GetMiniatureTypeEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/types/{id}", async Task<Results<Ok<TypeResponse>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetMiniatureTypeQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("One miniature type with its count per stage")
            .SupportsETag()
            .ProducesError(StatusCodes.Status404NotFound);
}
