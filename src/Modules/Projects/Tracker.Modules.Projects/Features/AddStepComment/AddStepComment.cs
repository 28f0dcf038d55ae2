using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.AddStepComment;

internal sealed record AddStepCommentRequest(string Text);

internal sealed record AddStepCommentCommand(Guid StepId, string Text) : ICommand<Result<StepCommentResponse>>;

internal sealed class AddStepCommentCommandValidator : AbstractValidator<AddStepCommentCommand>
{
    public AddStepCommentCommandValidator() =>
        RuleFor(c => c.Text).Must(UnicodeText.HasVisibleCharacter).WithMessage(FieldMessages.NotEmpty).MaximumLength(StepComment.TextMaxLength);
}

internal sealed class AddStepCommentCommandHandler(ProjectsDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<AddStepCommentCommand, Result<StepCommentResponse>>
{
    public async ValueTask<Result<StepCommentResponse>> Handle(AddStepCommentCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Steps.AnyAsync(s => s.Id == command.StepId, cancellationToken))
        {
            return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
        }

        var comment = StepComment.Create(command.StepId, user.Id, user.Username, command.Text, clock.GetUtcNow());
        db.StepComments.Add(comment);
        if (!await db.TrySaveReferencesAsync(cancellationToken))
        {
            // The step (or its project) was deleted by a request that committed after the check above.
            return ProjectsErrors.StepNotFound.WithDetail(command.StepId);
        }

        return StepCommentResponse.From(comment);
    }
}

internal sealed class AddStepCommentEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/steps/{id}/comments", async Task<Results<Ok<StepCommentResponse>, ProblemHttpResult>> (Guid id, AddStepCommentRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new AddStepCommentCommand(id, request.Text), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsIdempotency()
            .WithSummary("Comment on a step (any signed-in user, workers included); answers the comment")
            .ProducesError(StatusCodes.Status404NotFound);
}
