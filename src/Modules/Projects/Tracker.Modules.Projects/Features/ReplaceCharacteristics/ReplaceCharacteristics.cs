using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.ReplaceCharacteristics;

internal sealed record CharacteristicRow(string Parameter, string Value, string? Unit = null);

/// <param name="Items">The whole table as it should be, in order (0 to 500 rows).</param>
internal sealed record ReplaceCharacteristicsRequest(IReadOnlyList<CharacteristicRow> Items);

internal sealed record ReplaceCharacteristicsCommand(Guid ProjectId, IReadOnlyList<CharacteristicRow> Items) : ICommand<Result<CharacteristicList>>;

internal sealed class ReplaceCharacteristicsCommandValidator : AbstractValidator<ReplaceCharacteristicsCommand>
{
    public ReplaceCharacteristicsCommandValidator()
    {
        RuleFor(c => c.Items).Must(items => items.Count <= Characteristic.MaxPerProject).WithMessage($"At most {Characteristic.MaxPerProject} rows.");
        RuleForEach(c => c.Items).ChildRules(row =>
        {
            row.RuleFor(r => r.Parameter).SafeName(Characteristic.ParameterMaxLength);
            row.RuleFor(r => r.Value).NotNull().MaximumLength(Characteristic.ValueMaxLength).SafeText();
            row.RuleFor(r => r.Unit).MaximumLength(Characteristic.UnitMaxLength).SafeText();
        });
    }
}

internal sealed class ReplaceCharacteristicsCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<ReplaceCharacteristicsCommand, Result<CharacteristicList>>
{
    /// <summary>All rows at once, in one transaction: a reader sees the old table or the new one, never half.</summary>
    public async ValueTask<Result<CharacteristicList>> Handle(ReplaceCharacteristicsCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        if (!await db.Projects.AnyAsync(p => p.Id == command.ProjectId, cancellationToken))
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(command.ProjectId);
        }

        await db.LockCharacteristicsOfAsync(command.ProjectId, cancellationToken);
        await db.Characteristics.Where(c => c.ProjectId == command.ProjectId).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        db.Characteristics.AddRange(command.Items.Select((row, position) => Characteristic.Create(command.ProjectId, position, row.Parameter, row.Value, row.Unit, now)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await db.CharacteristicsOfAsync(command.ProjectId, cancellationToken);
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
