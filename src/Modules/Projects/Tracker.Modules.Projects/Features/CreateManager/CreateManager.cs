using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.CreateManager;

internal sealed record CreateManagerRequest(string Name, string? Email = null, string? Phone = null);

internal sealed record CreateManagerCommand(string Name, string? Email, string? Phone) : ICommand<Result<ManagerResponse>>;

internal sealed class CreateManagerCommandValidator : AbstractValidator<CreateManagerCommand>
{
    public CreateManagerCommandValidator() => this.ManagerFields(c => c.Name, c => c.Email, c => c.Phone);
}

internal sealed class CreateManagerCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<CreateManagerCommand, Result<ManagerResponse>>
{
    public async ValueTask<Result<ManagerResponse>> Handle(CreateManagerCommand command, CancellationToken cancellationToken)
    {
        var manager = ProjectManager.Create(command.Name, command.Email, command.Phone, clock.GetUtcNow());
        db.Managers.Add(manager);
        await db.SaveChangesAsync(cancellationToken);
        return ManagerResponse.From(manager);
    }
}

internal sealed class CreateManagerEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/managers", async Task<Results<CreatedAtSlice<ManagerResponse>, ProblemHttpResult>> (CreateManagerRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CreateManagerCommand(request.Name, request.Email, request.Phone), cancellationToken))
                    .ToHttp(created => ModuleRoutes.CreatedAt(nameof(GetManager), new { id = created.Id }, created)))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Add a project manager to the directory (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden);
}
