using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.UpdateProject;

/// <summary>Every field of the project as it should be (a field left out is cleared, or back to its default).</summary>
internal sealed record UpdateProjectRequest(
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

internal sealed record UpdateProjectCommand(Guid ProjectId, UpdateProjectRequest Fields, long? ExpectedVersion) : ICommand<Result<ProjectResponse>>;

internal sealed class UpdateProjectCommandValidator : AbstractValidator<UpdateProjectCommand>
{
    public UpdateProjectCommandValidator() => RuleFor(c => c.Fields).SetValidator(new ProjectFieldsValidator()).OverridePropertyName(string.Empty);
}

internal sealed class UpdateProjectCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<UpdateProjectCommand, Result<ProjectResponse>>
{
    public async ValueTask<Result<ProjectResponse>> Handle(UpdateProjectCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<ProjectResponse>(command.ExpectedVersion, async () =>
        {
            var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == command.ProjectId, cancellationToken);
            if (project is null)
            {
                return ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId);
            }

            if (command.ExpectedVersion is { } expected && project.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith((await db.FindProjectAsync(project.Id, cancellationToken))!);
            }

            if (await db.CheckAsync(command.Fields, project.ManagerId, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            var defaultCoefficient = command.Fields.InProgressCoefficient is null ? (await db.WorkspaceAsync(cancellationToken)).DefaultInProgressCoefficient : 0;
            var managerBefore = project.ManagerId;
            project.Update(command.Fields.ToDetails(defaultCoefficient), clock.GetUtcNow());
            return await db.SaveVersionedAsync(
                () => db.FindProjectAsync(command.ProjectId, cancellationToken),
                ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId),
                async () => await db.CheckAsync(command.Fields, managerBefore, cancellationToken) ?? ProjectsErrors.ProjectCodeTaken.WithDetail(project.Code),
                cancellationToken);
        });
    }
}

internal sealed class UpdateProjectEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/projects/{id}", async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> (Guid id, UpdateProjectRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateProjectCommand(id, request, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Change a project (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
