using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.CreateType;

/// <param name="InitialQuantity">Miniatures already owned; they start in IN_BOX and are logged as a purchase. Optional: 0 when left out (never null).</param>
internal sealed record CreateTypeRequest(string Name, int InitialQuantity = 0);

internal sealed record CreateTypeCommand(string Name, int InitialQuantity) : ICommand<Result<TypeResponse>>;

internal sealed class CreateTypeCommandValidator : AbstractValidator<CreateTypeCommand>
{
    public CreateTypeCommandValidator() => RuleFor(c => c.Name).ValidTypeName();
}

internal sealed class CreateTypeCommandHandler(MiniaturesDbContext db, TimeProvider clock) : ICommandHandler<CreateTypeCommand, Result<TypeResponse>>
{
    public async ValueTask<Result<TypeResponse>> Handle(CreateTypeCommand command, CancellationToken cancellationToken)
    {
        if (command.InitialQuantity != 0 && !Quantities.IsValid(command.InitialQuantity))
        {
            return MiniaturesErrors.InvalidQty;
        }

        var normalized = MiniatureType.Normalize(command.Name);
        if (await db.Types.AnyAsync(t => t.NormalizedName == normalized, cancellationToken))
        {
            return MiniaturesErrors.TypeNameTaken.WithDetail(command.Name.Trim());
        }

        var now = clock.GetUtcNow();
        var type = MiniatureType.Create(command.Name, now);
        if (command.InitialQuantity > 0)
        {
            type.Counts.Single(c => c.Stage == Stage.InBox).Count = command.InitialQuantity;
            db.History.Add(HistoryEntry.Record(type.Id, null, Stage.InBox, command.InitialQuantity, now));
        }

        db.Types.Add(type);

        // A concurrent request may take the name after the check above; the name index is the only unique index
        // this insert can collide with.
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return MiniaturesErrors.TypeNameTaken.WithDetail(command.Name.Trim());
        }
        return (await TypeReader.FindAsync(db, type.Id, cancellationToken))!;
    }
}

internal sealed class CreateTypeEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/types", async Task<Results<CreatedAtSlice<TypeResponse>, ProblemHttpResult>> (CreateTypeRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CreateTypeCommand(request.Name, request.InitialQuantity), cancellationToken))
                    .ToHttp(type => ModuleRoutes.CreatedAt(nameof(GetMiniatureType), new { id = type.Id }, type)))
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Create a miniature type, optionally with miniatures already in the box")
            .ProducesError(StatusCodes.Status409Conflict);
}
