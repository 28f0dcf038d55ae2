using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.SetStepStatus;

internal sealed record SetStepStatusCommand(Guid StepId, WorkStatus Status, long? ExpectedVersion) : ICommand<Result<StepResponse>>;

internal sealed class SetStepStatusCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<SetStepStatusCommand, Result<StepResponse>>
{
    /// <summary>
    /// The step, tracked, with its subtasks as the response shows them (read for the answer only, so not tracked)
    /// and its project's coefficient. Compiled once: building and looking up the expression tree of this query was a
    /// quarter of the host's CPU per status change. The project is joined, not a subquery, which PostgreSQL ran again
    /// for every subtask row.
    /// </summary>
    private static readonly Func<ProjectsDbContext, Guid, CancellationToken, Task<StepToChange?>> StepWithSubtasksAndCoefficient =
        EF.CompileAsyncQuery((ProjectsDbContext db, Guid stepId, CancellationToken cancellationToken) => db.Steps.Where(s => s.Id == stepId)
            .Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new StepToChange(s, db.Subtasks.Where(t => t.StepId == s.Id).Select(SubtaskResponse.Projection).ToArray(), p.InProgressCoefficient))
            .SingleOrDefault());

    private sealed record StepToChange(Step Step, SubtaskResponse[] Subtasks, decimal Coefficient);

    /// <summary>
    /// The hot path of the module (workers clicking through their steps): one read of the step with its subtasks and
    /// its project's coefficient, then one write (<see cref="StepStatusWrites.ChangeStatusAsync"/>).
    /// </summary>
    public async ValueTask<Result<StepResponse>> Handle(SetStepStatusCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<StepResponse>(command.ExpectedVersion, async () =>
        {
            var found = await StepWithSubtasksAndCoefficient(db, command.StepId, cancellationToken);
            if (found is null)
            {
                return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
            }

            var step = found.Step;
            var subtasks = SubtaskResponse.InOrder(found.Subtasks);
            if (command.ExpectedVersion is { } expected && step.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith(StepResponse.From(step, subtasks, found.Coefficient));
            }

            if (await db.ChangeStatusAsync(step, command.Status, found.Coefficient, clock.GetUtcNow(), cancellationToken))
            {
                return StepResponse.From(step, subtasks, found.Coefficient);
            }

            // Another change to the step came first.
            db.ChangeTracker.Clear();
            return await db.FindStepAsync(command.StepId, cancellationToken) is { } current
                ? ConcurrencyErrors.VersionMismatchWith(current)
                : ProjectsErrors.StepNotFound.WithDetail(command.StepId);
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
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
