using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.SetSubtaskStatus;

internal sealed record SetSubtaskStatusCommand(Guid SubtaskId, WorkStatus Status, long? ExpectedVersion) : ICommand<Result<SubtaskResponse>>;

internal sealed class SetSubtaskStatusCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<SetSubtaskStatusCommand, Result<SubtaskResponse>>
{
    public async ValueTask<Result<SubtaskResponse>> Handle(SetSubtaskStatusCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<SubtaskResponse>(command.ExpectedVersion, async () =>
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            var subtask = await db.Subtasks.SingleOrDefaultAsync(t => t.Id == command.SubtaskId, cancellationToken);
            if (subtask is null)
            {
                return ProjectsErrors.SubtaskNotFound.WithDetail(command.SubtaskId);
            }

            // The step's subtask weights are counted again with the change, under the lock every subtask write takes.
            await db.LockSubtasksOfAsync(subtask.StepId, cancellationToken);

            if (command.ExpectedVersion is { } expected && subtask.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith(SubtaskResponse.From(subtask));
            }

            subtask.SetStatus(command.Status, clock.GetUtcNow());
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

internal sealed class SetSubtaskStatusEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/subtasks/{id}/status", async Task<Results<Ok<SubtaskResponse>, ProblemHttpResult>> (Guid id, SetStatusRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new SetSubtaskStatusCommand(id, request.Status, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("Set a subtask's status (any signed-in user, workers included)")
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
