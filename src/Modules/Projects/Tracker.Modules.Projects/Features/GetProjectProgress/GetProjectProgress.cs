using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.GetProjectProgress;

internal sealed record GetProjectProgressQuery(Guid ProjectId) : IQuery<Result<ProjectProgress>>;

internal sealed class GetProjectProgressQueryHandler(ProjectsDbContext db) : IQueryHandler<GetProjectProgressQuery, Result<ProjectProgress>>
{
    public async ValueTask<Result<ProjectProgress>> Handle(GetProjectProgressQuery query, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProjectId, cancellationToken);
        if (project is null)
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(query.ProjectId);
        }

        var steps = await db.Steps.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
        var subtasks = await db.Subtasks.AsNoTracking()
            .Where(t => db.Steps.Any(s => s.Id == t.StepId && s.ProjectId == project.Id))
            .ToListAsync(cancellationToken);
        return ProjectProgress.Of(project, steps, subtasks.ToLookup(t => t.StepId));
    }
}

internal sealed class GetProjectProgressEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/projects/{id}/progress", async Task<Results<Ok<ProjectProgress>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetProjectProgressQuery(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("How a project's progress is made: each step's weight, what it counted by, and its subtasks")
            .WithDescription("A subtask, or a step without subtasks, counts by its status: done 1, in_progress the project's inProgressCoefficient, todo and blocked 0. A step with subtasks is the weight-weighted mean of its subtasks; the project is the weight-weighted mean of its steps, and 0 without steps. Values are rounded to 4 decimals.")
            .ProducesError(StatusCodes.Status404NotFound);
}
