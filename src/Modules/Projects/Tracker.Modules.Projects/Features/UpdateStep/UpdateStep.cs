using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.UpdateStep;

internal sealed record UpdateStepCommand(Guid StepId, StepFields Fields, long? ExpectedVersion) : ICommand<Result<StepResponse>>;

internal sealed class UpdateStepCommandValidator : AbstractValidator<UpdateStepCommand>
{
    public UpdateStepCommandValidator() => RuleFor(c => c.Fields).SetValidator(new StepFieldsValidator()).OverridePropertyName(string.Empty);
}

internal sealed class UpdateStepCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<UpdateStepCommand, Result<StepResponse>>
{
    public async ValueTask<Result<StepResponse>> Handle(UpdateStepCommand command, CancellationToken cancellationToken)
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

            if (await db.CheckManagerAsync(command.Fields.AssigneeManagerId, step.AssigneeManagerId, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            var from = step.Status;
            var now = clock.GetUtcNow();
            step.Update(command.Fields.ToDetails(), now);
            db.PublishStatusChange(step, from, now);
            return await db.SaveVersionedAsync(() => db.FindStepAsync(command.StepId, cancellationToken), ProjectsErrors.StepNotFound.WithDetail(command.StepId), uniqueConflict: null, cancellationToken);
        });
    }
}

internal sealed class UpdateStepEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/steps/{id}", async Task<Results<Ok<StepResponse>, ProblemHttpResult>> (Guid id, StepFields request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateStepCommand(id, request, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Change a step (planner, manager or admin)")
            .WithDescription("Every field as it should be (a field left out is cleared, or back to its default). Workers set the status alone through `PUT /steps/{id}/status`.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
