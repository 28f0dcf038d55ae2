using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Contracts;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.CreateProject;

/// <param name="InProgressCoefficient">What a step or subtask in progress counts for, 0..1 (default: the workspace's).</param>
internal sealed record CreateProjectRequest(
    Guid CategoryId,
    string Code,
    string Name,
    Guid? ManagerId = null,
    string? Description = null,
    DateOnly? PlannedStart = null,
    DateOnly? PlannedEnd = null,
    DateOnly? ActualStart = null,
    DateOnly? ActualEnd = null,
    decimal? PlannedBudget = null,
    decimal? ContractPrice = null,
    decimal? InProgressCoefficient = null) : IProjectFields;

internal sealed record CreateProjectCommand(CreateProjectRequest Fields) : ICommand<Result<ProjectResponse>>;

internal sealed class CreateProjectCommandValidator : AbstractValidator<CreateProjectCommand>
{
    public CreateProjectCommandValidator() => RuleFor(c => c.Fields).SetValidator(new ProjectFieldsValidator()).OverridePropertyName(string.Empty);
}

internal sealed class CreateProjectCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<CreateProjectCommand, Result<ProjectResponse>>
{
    public async ValueTask<Result<ProjectResponse>> Handle(CreateProjectCommand command, CancellationToken cancellationToken)
    {
        if (await db.CheckAsync(command.Fields, currentManagerId: null, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var defaultCoefficient = command.Fields.InProgressCoefficient is null ? (await db.WorkspaceAsync(cancellationToken)).DefaultInProgressCoefficient : 0;
        var project = Project.Create(command.Fields.ToDetails(defaultCoefficient), now);
        db.Projects.Add(project);
        db.KeptProgress.Add(KeptProgress.Start(project.Id, project.InProgressCoefficient));
        db.Publish(new ProjectCreated(Guid.CreateVersion7(now), now, project.Id, project.CategoryId, project.Code, project.Name));
        if (await db.TrySaveUniqueAndReferencesAsync(cancellationToken))
        {
            return ProjectResponse.From(project, new ProjectSummary(0, 0));
        }

        // The code was taken, or the category deleted, by a request that committed after the check above.
        return await db.CheckAsync(command.Fields, currentManagerId: null, cancellationToken) ?? ProjectsErrors.ProjectCodeTaken.WithDetail(project.Code);
    }
}

internal sealed class CreateProjectEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/projects", async Task<Results<CreatedAtSlice<ProjectResponse>, ProblemHttpResult>> (CreateProjectRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CreateProjectCommand(request), cancellationToken))
                    .ToHttp(created => ModuleRoutes.CreatedAt(nameof(GetProject), new { id = created.Id }, created)))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Create a project in a category (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
