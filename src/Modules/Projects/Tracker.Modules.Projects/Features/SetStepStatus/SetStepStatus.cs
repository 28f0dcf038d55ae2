using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.SetStepStatus;

internal sealed record SetStepStatusCommand(Guid StepId, WorkStatus Status, long? ExpectedVersion) : ICommand<Result<StepResponse>>;

internal sealed class SetStepStatusCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<SetStepStatusCommand, Result<StepResponse>>
{
    /// <summary>
    /// The hot path of the module (workers clicking through their steps): one read of the step with its subtasks and
    /// its project's coefficient, one batch of writes, and the move of the project's kept progress.
    /// </summary>
    public async ValueTask<Result<StepResponse>> Handle(SetStepStatusCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<StepResponse>(command.ExpectedVersion, async () =>
        {
            // Tracking is per query (an AsNoTracking inside would untrack the step too), so the subtasks come tracked.
            var found = await db.Steps.Where(s => s.Id == command.StepId)
                .Select(s => new
                {
                    Step = s,
                    Subtasks = db.Subtasks.Where(t => t.StepId == s.Id).ToList(),
                    Coefficient = db.Projects.Where(p => p.Id == s.ProjectId).Select(p => p.InProgressCoefficient).Single(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
            }

            var step = found.Step;
            if (command.ExpectedVersion is { } expected && step.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith(StepResponse.From(step, found.Subtasks, found.Coefficient));
            }

            var from = step.Status;
            var now = clock.GetUtcNow();
            step.SetStatus(command.Status, now);
            db.PublishStatusChange(step, from, now);
            db.CoefficientsRead[step.ProjectId] = found.Coefficient;
            return await db.SaveVersionedAsync<StepResponse>(
                () => Task.FromResult<StepResponse?>(StepResponse.From(step, found.Subtasks, found.Coefficient)),
                () => db.FindStepAsync(command.StepId, cancellationToken),
                ProjectsErrors.StepNotFound.WithDetail(command.StepId),
                uniqueConflict: null,
                cancellationToken);
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
