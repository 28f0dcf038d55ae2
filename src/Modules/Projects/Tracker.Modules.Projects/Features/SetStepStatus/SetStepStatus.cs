using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.SetStepStatus;

internal sealed record SetStepStatusCommand(Guid StepId, WorkStatus Status, long? ExpectedVersion) : ICommand<Result<StepResponse>>;

internal sealed class SetStepStatusCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<SetStepStatusCommand, Result<StepResponse>>
{
    /// <summary>
    /// The hot path of the module (workers clicking through their steps): one read of the step with its subtasks, the
    /// project's lock, the project's steps for its kept progress, one batch of writes.
    /// </summary>
    public async ValueTask<Result<StepResponse>> Handle(SetStepStatusCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<StepResponse>(command.ExpectedVersion, async () =>
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            // Tracking is per query (an AsNoTracking inside would untrack the step too), so the subtasks come tracked.
            var found = await db.Steps.Where(s => s.Id == command.StepId)
                .Select(s => new { Step = s, Subtasks = db.Subtasks.Where(t => t.StepId == s.Id).ToList() })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
            }

            var step = found.Step;
            if (command.ExpectedVersion is { } expected && step.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith((await db.FindStepAsync(step.Id, cancellationToken))!);
            }

            await db.LockProgressOfAsync([step.ProjectId], cancellationToken);
            var from = step.Status;
            var now = clock.GetUtcNow();
            step.SetStatus(command.Status, now);
            db.PublishStatusChange(step, from, now);
            var coefficients = await db.KeepProgressAsync([step.ProjectId], cancellationToken);
            var saved = await db.SaveVersionedAsync<StepResponse>(
                () => Task.FromResult<StepResponse?>(StepResponse.From(step, found.Subtasks, coefficients[step.ProjectId])),
                () => db.FindStepAsync(command.StepId, cancellationToken),
                ProjectsErrors.StepNotFound.WithDetail(command.StepId),
                uniqueConflict: null,
                cancellationToken);
            if (!saved.IsFailure)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return saved;
        });
    }
}

internal sealed class SetStepStatusEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/steps/{id}/status", async Task<Results<Ok<StepResponse>, ProblemHttpResult>> (Guid id, SetStatusRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new SetStepStatusCommand(id, request.Status, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("Set a step's status (any signed-in user, workers included)")
            .ProducesError(StatusCodes.Status404NotFound);
}
