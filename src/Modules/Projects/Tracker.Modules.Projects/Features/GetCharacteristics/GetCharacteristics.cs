using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.GetCharacteristics;

internal sealed record GetCharacteristicsQuery(Guid ProjectId) : IQuery<Result<CharacteristicList>>;

internal sealed class GetCharacteristicsQueryHandler(ProjectsDbContext db) : IQueryHandler<GetCharacteristicsQuery, Result<CharacteristicList>>
{
    public async ValueTask<Result<CharacteristicList>> Handle(GetCharacteristicsQuery query, CancellationToken cancellationToken) =>
        await db.Projects.AnyAsync(p => p.Id == query.ProjectId, cancellationToken)
            ? await db.CharacteristicsOfAsync(query.ProjectId, cancellationToken)
            : ProjectsErrors.ProjectNotFound.WithDetail(query.ProjectId);
}

internal sealed class GetCharacteristicsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/projects/{id}/characteristics", async Task<Results<Ok<CharacteristicList>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetCharacteristicsQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("A project's characteristics (parameter, value, unit) in order; at most 500, so not paged")
            .ProducesError(StatusCodes.Status404NotFound);
}
