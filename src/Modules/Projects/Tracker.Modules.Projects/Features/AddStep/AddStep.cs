using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.AddStep;

/// <param name="Weight">Its share of the project's progress, above 0 (default 1).</param>
/// <param name="Assignee">Who does it: a name, free text.</param>
internal sealed record AddStepRequest(
    string Name,
    string? Description = null,
    WorkStatus Status = WorkStatus.todo,
    decimal Weight = 1,
    DateOnly? PlannedStart = null,
    DateOnly? PlannedEnd = null,
    DateOnly? ActualStart = null,
    DateOnly? ActualEnd = null,
    string? Assignee = null) : IWorkFields;

internal sealed record AddStepCommand(Guid ProjectId, AddStepRequest Fields) : ICommand<Result<StepResponse>>;

internal sealed class AddStepCommandValidator : AbstractValidator<AddStepCommand>
{
    public AddStepCommandValidator()
    {
        RuleFor(c => c.Fields).SetValidator(new WorkFieldsValidator()).OverridePropertyName(string.Empty);
        RuleFor(c => c.Fields.Description).MaximumLength(Work.DescriptionMaxLength).StorableText().OverridePropertyName("description");
        RuleFor(c => c.Fields.Assignee).MaximumLength(Work.AssigneeMaxLength).SafeText().OverridePropertyName("assignee");
    }
}

internal sealed class AddStepCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<AddStepCommand, Result<StepResponse>>
{
    /// <summary>The new step goes last: its position is the project's step count, read under the project's lock.</summary>
    public async ValueTask<Result<StepResponse>> Handle(AddStepCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var coefficient = await db.Projects.Where(p => p.Id == command.ProjectId).Select(p => (decimal?)p.InProgressCoefficient).SingleOrDefaultAsync(cancellationToken);
        if (coefficient is null)
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId);
        }

        await db.LockStepsOfAsync(command.ProjectId, cancellationToken);
        var position = await db.Steps.CountAsync(s => s.ProjectId == command.ProjectId, cancellationToken);
        var f = command.Fields;
        var step = Step.Create(command.ProjectId, position, new WorkDetails(f.Name, f.Description, f.Status, f.Weight, f.PlannedStart, f.PlannedEnd, f.ActualStart, f.ActualEnd, f.Assignee), clock.GetUtcNow());
        db.Steps.Add(step);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StepResponse.From(step, [], coefficient.Value);
    }
}

internal sealed class AddStepEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/projects/{id}/steps", async Task<Results<CreatedAtSlice<StepResponse>, ProblemHttpResult>> (Guid id, AddStepRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new AddStepCommand(id, request), cancellationToken))
                    .ToHttp(created => ModuleRoutes.CreatedAt(nameof(GetStep), new { id = created.Id }, created)))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Add a step at the end of a project (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
