using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.UpdateStep;

/// <summary>Every field of the step as it should be. Its status changes through this too, or alone through <c>PUT /steps/{id}/status</c>.</summary>
internal sealed record UpdateStepRequest(
    string Name,
    string? Description = null,
    WorkStatus Status = WorkStatus.todo,
    decimal Weight = 1,
    DateOnly? PlannedStart = null,
    DateOnly? PlannedEnd = null,
    DateOnly? ActualStart = null,
    DateOnly? ActualEnd = null,
    string? Assignee = null) : IWorkFields;

internal sealed record UpdateStepCommand(Guid StepId, UpdateStepRequest Fields, long? ExpectedVersion) : ICommand<Result<StepResponse>>;

internal sealed class UpdateStepCommandValidator : AbstractValidator<UpdateStepCommand>
{
    public UpdateStepCommandValidator()
    {
        RuleFor(c => c.Fields).SetValidator(new WorkFieldsValidator()).OverridePropertyName(string.Empty);
        RuleFor(c => c.Fields.Description).MaximumLength(Work.DescriptionMaxLength).StorableText().OverridePropertyName("description");
        RuleFor(c => c.Fields.Assignee).MaximumLength(Work.AssigneeMaxLength).SafeText().OverridePropertyName("assignee");
    }
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

            var f = command.Fields;
            var from = step.Status;
            var now = clock.GetUtcNow();
            step.Update(new WorkDetails(f.Name, f.Description, f.Status, f.Weight, f.PlannedStart, f.PlannedEnd, f.ActualStart, f.ActualEnd, f.Assignee), now);
            db.PublishStatusChange(step, from, now);
            return await db.SaveVersionedAsync(() => db.FindStepAsync(command.StepId, cancellationToken), ProjectsErrors.StepNotFound.WithDetail(command.StepId), uniqueConflict: null, cancellationToken);
        });
    }
}

internal sealed class UpdateStepEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/steps/{id}", async Task<Results<Ok<StepResponse>, ProblemHttpResult>> (Guid id, UpdateStepRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateStepCommand(id, request, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Change a step (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
