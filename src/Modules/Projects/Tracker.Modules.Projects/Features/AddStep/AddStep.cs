using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.AddStep;

internal sealed record AddStepCommand(Guid ProjectId, StepFields Fields) : ICommand<Result<StepResponse>>;

internal sealed class AddStepCommandValidator : AbstractValidator<AddStepCommand>
{
    public AddStepCommandValidator() => RuleFor(c => c.Fields).SetValidator(new StepFieldsValidator()).OverridePropertyName(string.Empty);
}

internal sealed class AddStepCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<AddStepCommand, Result<StepResponse>>
{
    /// <summary>The new step goes last: its position is the project's step count, read under the project's lock.</summary>
    public async ValueTask<Result<StepResponse>> Handle(AddStepCommand command, CancellationToken cancellationToken)
    {
        if (await db.CheckManagerAsync(command.Fields.AssigneeManagerId, currentManagerId: null, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var coefficient = await db.Projects.Where(p => p.Id == command.ProjectId).Select(p => (decimal?)p.InProgressCoefficient).SingleOrDefaultAsync(cancellationToken);
        if (coefficient is null)
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId);
        }

        await db.LockContentsOfAsync(command.ProjectId, cancellationToken);
        var position = await db.Steps.CountAsync(s => s.ProjectId == command.ProjectId, cancellationToken);
        var step = Step.Create(command.ProjectId, position, command.Fields.ToDetails(), clock.GetUtcNow());
        db.Steps.Add(step);
        db.CoefficientsRead[command.ProjectId] = coefficient.Value;
        if (!await db.TrySaveReferencesAsync(cancellationToken))
        {
            // The project was deleted by a request that committed after the check above.
            return ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId);
        }

        await transaction.CommitAsync(cancellationToken);
        return StepResponse.From(step, [], coefficient.Value);
    }
}

internal sealed class AddStepEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/projects/{id}/steps", async Task<Results<CreatedAtSlice<StepResponse>, ProblemHttpResult>> (Guid id, StepFields request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new AddStepCommand(id, request), cancellationToken))
                    .ToHttp(created => ModuleRoutes.CreatedAt(nameof(GetStep), new { id = created.Id }, created)))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Add a step at the end of a project (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
