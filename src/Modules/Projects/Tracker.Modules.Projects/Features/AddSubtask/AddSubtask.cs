using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.AddSubtask;

internal sealed record AddSubtaskCommand(Guid StepId, SubtaskFields Fields) : ICommand<Result<SubtaskResponse>>;

internal sealed class AddSubtaskCommandValidator : AbstractValidator<AddSubtaskCommand>
{
    public AddSubtaskCommandValidator() => RuleFor(c => c.Fields).SetValidator(new WorkFieldsValidator()).OverridePropertyName(string.Empty);
}

internal sealed class AddSubtaskCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<AddSubtaskCommand, Result<SubtaskResponse>>
{
    /// <summary>The new subtask goes last: its position is the step's subtask count, read under the step's lock.</summary>
    public async ValueTask<Result<SubtaskResponse>> Handle(AddSubtaskCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        if (!await db.Steps.AnyAsync(s => s.Id == command.StepId, cancellationToken))
        {
            return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
        }

        await db.LockSubtasksOfAsync(command.StepId, cancellationToken);
        var position = await db.Subtasks.CountAsync(t => t.StepId == command.StepId, cancellationToken);
        var subtask = Subtask.Create(command.StepId, position, command.Fields.ToDetails(), clock.GetUtcNow());
        db.Subtasks.Add(subtask);
        if (!await db.TrySaveReferencesAsync(cancellationToken))
        {
            // The step (or its project) was deleted by a request that committed after the check above.
            return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
        }

        await db.RecountSubtasksAsync([command.StepId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SubtaskResponse.From(subtask);
    }
}

internal sealed class AddSubtaskEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/steps/{id}/subtasks", async Task<Results<CreatedAtSlice<SubtaskResponse>, ProblemHttpResult>> (Guid id, SubtaskFields request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new AddSubtaskCommand(id, request), cancellationToken))
                    .ToHttp(created => ModuleRoutes.CreatedAt(nameof(GetSubtask), new { id = created.Id }, created)))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Add a subtask at the end of a step (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
