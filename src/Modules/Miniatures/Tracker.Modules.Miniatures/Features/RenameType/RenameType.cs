using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.RenameType;

internal sealed record RenameTypeRequest(string Name);

internal sealed record RenameTypeCommand(Guid TypeId, string Name) : ICommand<Result<TypeResponse>>;

internal sealed class RenameTypeCommandValidator : AbstractValidator<RenameTypeCommand>
{
    public RenameTypeCommandValidator() => RuleFor(c => c.Name).ValidTypeName();
}

internal sealed class RenameTypeCommandHandler(MiniaturesDbContext db) : ICommandHandler<RenameTypeCommand, Result<TypeResponse>>
{
    public async ValueTask<Result<TypeResponse>> Handle(RenameTypeCommand command, CancellationToken cancellationToken)
    {
        var type = await db.Types.SingleOrDefaultAsync(t => t.Id == command.TypeId, cancellationToken);
        if (type is null)
        {
            return MiniaturesErrors.TypeNotFound.WithDetail(command.TypeId);
        }

        var normalized = MiniatureType.Normalize(command.Name);
        if (await db.Types.AnyAsync(t => t.NormalizedName == normalized && t.Id != command.TypeId, cancellationToken))
        {
            return MiniaturesErrors.TypeNameTaken.WithDetail(command.Name.Trim());
        }

        type.Rename(command.Name);
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return MiniaturesErrors.TypeNameTaken.WithDetail(command.Name.Trim());
        }
        return (await TypeReader.FindAsync(db, type.Id, cancellationToken))!;
    }
}

internal sealed class RenameTypeEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/types/{id:guid}", async Task<Results<Ok<TypeResponse>, ProblemHttpResult>> (Guid id, RenameTypeRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new RenameTypeCommand(id, request.Name), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("Rename a miniature type")
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
