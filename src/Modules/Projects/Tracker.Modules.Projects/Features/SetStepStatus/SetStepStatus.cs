using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.SetStepStatus;

internal sealed record SetStepStatusCommand(Guid StepId, WorkStatus Status, long? ExpectedVersion) : ICommand<Result<StepResponse>>;

internal sealed class SetStepStatusCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<SetStepStatusCommand, Result<StepResponse>>
{
    public async ValueTask<Result<StepResponse>> Handle(SetStepStatusCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<StepResponse>(command.ExpectedVersion, async () =>
        {
            var step = await db.Steps.SingleOrDefaultAsync(s => s.Id == command.StepId, cancellationToken);
            if (step is null)
            {
                return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
            }

            if (command.ExpectedVersion is { } expected && step.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith((await db.FindStepAsync(step.Id, cancellationToken))!);
            }

            var from = step.Status;
            var now = clock.GetUtcNow();
            step.SetStatus(command.Status, now);
            db.PublishStatusChange(step, from, now);
            return await db.SaveVersionedAsync(() => db.FindStepAsync(command.StepId, cancellationToken), ProjectsErrors.StepNotFound.WithDetail(command.StepId), uniqueConflict: null, cancellationToken);
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
