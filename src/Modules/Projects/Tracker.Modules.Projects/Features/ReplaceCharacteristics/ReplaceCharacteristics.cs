using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ReplaceCharacteristics;

/// <param name="Items">The whole table as it should be, in order (0 to 500 rows).</param>
internal sealed record ReplaceCharacteristicsRequest(IReadOnlyList<CharacteristicRow> Items);

internal sealed record ReplaceCharacteristicsCommand(Guid ProjectId, IReadOnlyList<CharacteristicRow> Items) : ICommand<Result<CharacteristicList>>;

internal sealed class ReplaceCharacteristicsCommandValidator : AbstractValidator<ReplaceCharacteristicsCommand>
{
    public ReplaceCharacteristicsCommandValidator()
    {
        RuleFor(c => c.Items).Must(items => items.Count <= Characteristic.MaxPerProject).WithMessage($"At most {Characteristic.MaxPerProject} rows.");
        RuleForEach(c => c.Items).SetValidator(new CharacteristicRowValidator());
    }
}

internal sealed class ReplaceCharacteristicsCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<ReplaceCharacteristicsCommand, Result<CharacteristicList>>
{
    public async ValueTask<Result<CharacteristicList>> Handle(ReplaceCharacteristicsCommand command, CancellationToken cancellationToken)
    {
        var replaced = await db.ReplaceCharacteristicsAsync(command.ProjectId, command.Items, clock.GetUtcNow(), cancellationToken);
        return replaced.IsFailure ? replaced.Error : replaced.Value.Table;
    }
}

internal sealed class ReplaceCharacteristicsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/projects/{id}/characteristics", async Task<Results<Ok<CharacteristicList>, ProblemHttpResult>> (Guid id, ReplaceCharacteristicsRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ReplaceCharacteristicsCommand(id, request.Items), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .WithSummary("Replace a project's characteristics with the rows sent, in their order (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
