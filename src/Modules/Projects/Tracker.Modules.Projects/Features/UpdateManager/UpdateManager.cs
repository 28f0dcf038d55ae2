using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.UpdateManager;

/// <param name="IsActive">False deactivates the manager: their projects keep them, new projects cannot take them.</param>
internal sealed record UpdateManagerRequest(string Name, string? Email = null, string? Phone = null, bool IsActive = true);

internal sealed record UpdateManagerCommand(Guid ManagerId, string Name, string? Email, string? Phone, bool IsActive, long? ExpectedVersion) : ICommand<Result<ManagerResponse>>;

internal sealed class UpdateManagerCommandValidator : AbstractValidator<UpdateManagerCommand>
{
    public UpdateManagerCommandValidator() => this.ManagerFields(c => c.Name, c => c.Email, c => c.Phone);
}

internal sealed class UpdateManagerCommandHandler(ProjectsDbContext db) : ICommandHandler<UpdateManagerCommand, Result<ManagerResponse>>
{
    public async ValueTask<Result<ManagerResponse>> Handle(UpdateManagerCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<ManagerResponse>(command.ExpectedVersion, async () =>
        {
            var manager = await db.Managers.SingleOrDefaultAsync(m => m.Id == command.ManagerId, cancellationToken);
            if (manager is null)
            {
                return ProjectsErrors.ManagerNotFound.WithDetail(command.ManagerId);
            }

            if (command.ExpectedVersion is { } expected && manager.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith(ManagerResponse.From(manager));
            }

            manager.Update(command.Name, command.Email, command.Phone, command.IsActive);
            return await db.SaveVersionedAsync(
                async () => await db.Managers.AsNoTracking().SingleOrDefaultAsync(m => m.Id == command.ManagerId, cancellationToken) is { } m ? ManagerResponse.From(m) : null,
                ProjectsErrors.ManagerNotFound.WithDetail(command.ManagerId),
                uniqueConflict: null,
                cancellationToken);
        });
    }
}

internal sealed class UpdateManagerEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/managers/{id}", async Task<Results<Ok<ManagerResponse>, ProblemHttpResult>> (Guid id, UpdateManagerRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateManagerCommand(id, request.Name, request.Email, request.Phone, request.IsActive, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Change or deactivate a project manager (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
