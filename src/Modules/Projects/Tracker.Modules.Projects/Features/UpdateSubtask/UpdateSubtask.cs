using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.UpdateSubtask;

internal sealed record UpdateSubtaskCommand(Guid SubtaskId, SubtaskFields Fields, long? ExpectedVersion) : ICommand<Result<SubtaskResponse>>;

internal sealed class UpdateSubtaskCommandValidator : AbstractValidator<UpdateSubtaskCommand>
{
    public UpdateSubtaskCommandValidator() => RuleFor(c => c.Fields).SetValidator(new WorkFieldsValidator()).OverridePropertyName(string.Empty);
}

internal sealed class UpdateSubtaskCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<UpdateSubtaskCommand, Result<SubtaskResponse>>
{
    /// <summary>Its weight and status count in the step's progress: the step's sums are counted again with the change.</summary>
    public async ValueTask<Result<SubtaskResponse>> Handle(UpdateSubtaskCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<SubtaskResponse>(command.ExpectedVersion, async () =>
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            var subtask = await db.Subtasks.SingleOrDefaultAsync(t => t.Id == command.SubtaskId, cancellationToken);
            if (subtask is null)
            {
                return ProjectsErrors.SubtaskNotFound.WithDetail(command.SubtaskId);
            }

            if (command.ExpectedVersion is { } expected && subtask.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith(SubtaskResponse.From(subtask));
            }

            await db.LockSubtasksOfAsync(subtask.StepId, cancellationToken);
            subtask.Update(command.Fields.ToDetails(), clock.GetUtcNow());
            var saved = await db.SaveVersionedAsync(
                async () => await db.Subtasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == command.SubtaskId, cancellationToken) is { } t ? SubtaskResponse.From(t) : null,
                ProjectsErrors.SubtaskNotFound.WithDetail(command.SubtaskId),
                uniqueConflict: null,
                cancellationToken);
            if (!saved.IsFailure)
            {
                await db.RecountSubtasksAsync([subtask.StepId], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return saved;
        });
    }
}

internal sealed class UpdateSubtaskEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/subtasks/{id}", async Task<Results<Ok<SubtaskResponse>, ProblemHttpResult>> (Guid id, SubtaskFields request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateSubtaskCommand(id, request, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Change a subtask: name, status, weight, dates (planner, manager or admin)")
            .WithDescription("Every field as it should be (a field left out is cleared, or back to its default). Workers set the status alone through `PUT /subtasks/{id}/status`.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
